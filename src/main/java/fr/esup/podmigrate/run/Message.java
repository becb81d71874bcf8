package fr.esup.podmigrate.run;

import org.springframework.context.MessageSourceResolvable;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.ResourceBundle;

/**
 * A text the pages show in the reader's language, such as what a job says when it ends: a message key and its
 * arguments (numbers stay numbers for the plural forms). A text that has no key, such as a server's own error or a
 * message persisted by an older console, is shown as it is.
 *
 * @param key       the message key, or null for a plain text
 * @param arguments the key's arguments: numbers and texts
 * @param text      the plain text, when there is no key
 */
public record Message(String key, List<Object> arguments, String text) implements MessageSourceResolvable {

    public Message {
        arguments = arguments.stream().map(Message::widened).toList();
    }

    public static Message of(String key, Object... arguments) {
        return new Message(key, List.of(arguments), null);
    }

    public static Message text(String text) {
        return new Message(null, List.of(), text);
    }

    /** Whole numbers become longs, as they are read back from the workspace. */
    private static Object widened(Object argument) {
        return argument instanceof Integer || argument instanceof Short || argument instanceof Byte
                ? ((Number) argument).longValue() : argument;
    }

    /**
     * Writes the message under {@code name}: a plain text as {@code name}, a keyed message as {@code name.key} and
     * its arguments, each named by its position and whether it is a number.
     */
    public void writeTo(Properties properties, String name) {
        if (!keyed()) {
            properties.setProperty(name, text);
            return;
        }
        properties.setProperty(name + ".key", key);
        for (int i = 0; i < arguments.size(); i++) {
            Object argument = arguments.get(i);
            properties.setProperty(name + (argument instanceof Number ? ".number." : ".text.") + i, String.valueOf(argument));
        }
    }

    /** The message written under {@code name}, or null; a plain {@code name}, as older workspaces hold, is its text. */
    public static Message readFrom(Properties properties, String name) {
        String key = properties.getProperty(name + ".key");
        if (key == null) {
            String text = properties.getProperty(name);
            return text == null ? null : text(text);
        }
        List<Object> arguments = new ArrayList<>();
        for (int i = 0; ; i++) {
            String number = properties.getProperty(name + ".number." + i);
            String text = properties.getProperty(name + ".text." + i);
            if (number != null) {
                arguments.add(number.contains(".") ? new BigDecimal(number) : Long.valueOf(number));
            } else if (text != null) {
                arguments.add(text);
            } else {
                return new Message(key, arguments, null);
            }
        }
    }

    public boolean keyed() {
        return key != null;
    }

    /** The message in English, as the console's message source renders it, for the command line; a text as it is. */
    public String english() {
        return keyed() ? english(key, arguments.toArray()) : text;
    }

    /** The console's English message {@code key}, formatted as its Spring message source formats one: with arguments only. */
    public static String english(String key, Object... arguments) {
        String pattern = EnglishBundle.BUNDLE.getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
    }

    /** Reads the English messages now, ahead of a text that needs them, on a thread that has nothing else to do. */
    public static void prepareEnglish() {
        Objects.requireNonNull(EnglishBundle.BUNDLE);
    }

    /**
     * The console's message bundle in English, without falling back to the system's language, read when a message is
     * first printed. Not through Spring's message source, which starts the logging system: a tenth of a second of a
     * command's start, and 20 classes of method handles generated, for the warnings every Pod import prints.
     */
    private static final class EnglishBundle {
        static final ResourceBundle BUNDLE = ResourceBundle.getBundle("messages.messages", Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Override
    public String[] getCodes() {
        return keyed() ? new String[] {key} : null;
    }

    @Override
    public Object[] getArguments() {
        return arguments.toArray();
    }

    @Override
    public String getDefaultMessage() {
        return text;
    }

    @Override
    public String toString() {
        return keyed() ? key + arguments : text;
    }
}

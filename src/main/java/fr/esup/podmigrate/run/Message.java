package fr.esup.podmigrate.run;

import org.springframework.context.MessageSourceResolvable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

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

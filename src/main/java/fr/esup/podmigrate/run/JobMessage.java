package fr.esup.podmigrate.run;

import org.springframework.context.MessageSourceResolvable;

import java.util.List;

/**
 * What a job says when it ends, in the reader's language: a message key and its arguments (numbers stay numbers
 * for the plural forms). A text that has no key, such as a server's own error or a message persisted by an older
 * console, is shown as it is.
 *
 * @param key       the message key, or null for a plain text
 * @param arguments the key's arguments: numbers and texts
 * @param text      the plain text, when there is no key
 */
public record JobMessage(String key, List<Object> arguments, String text) implements MessageSourceResolvable {

    public JobMessage {
        arguments = arguments.stream().map(JobMessage::widened).toList();
    }

    public static JobMessage of(String key, Object... arguments) {
        return new JobMessage(key, List.of(arguments), null);
    }

    public static JobMessage text(String text) {
        return new JobMessage(null, List.of(), text);
    }

    /** Whole numbers become longs, as they are read back from the workspace. */
    private static Object widened(Object argument) {
        return argument instanceof Integer || argument instanceof Short || argument instanceof Byte
                ? ((Number) argument).longValue() : argument;
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

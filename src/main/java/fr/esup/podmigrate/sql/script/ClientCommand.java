package fr.esup.podmigrate.sql.script;

/**
 * The commands the {@code mariadb} client runs itself instead of sending them to the server, by name
 * ({@code delimiter ;;}) or by shortcut ({@code \d ;;}), as its {@code help} lists them.
 */
enum ClientCommand {
    HELP_MARK("?", '?', true),
    CHARSET("charset", 'C', true),
    CLEAR("clear", 'c', false),
    CONNECT("connect", 'r', true),
    DELIMITER("delimiter", 'd', true),
    EDIT("edit", 'e', false),
    EGO("ego", 'G', false),
    EXIT("exit", 'q', false),
    GO("go", 'g', false),
    HELP("help", 'h', true),
    NOPAGER("nopager", 'n', false),
    NOTEE("notee", 't', false),
    NOWARNING("nowarning", 'w', false),
    PAGER("pager", 'P', true),
    PRINT("print", 'p', false),
    PROMPT("prompt", 'R', true),
    QUIT("quit", 'q', false),
    REHASH("rehash", '#', false),
    SANDBOX("sandbox", '-', false),
    SOURCE("source", '.', true),
    STATUS("status", 's', false),
    SYSTEM("system", '!', true),
    TEE("tee", 'T', true),
    USE("use", 'u', true),
    WARNINGS("warnings", 'W', false);

    static final int LONGEST_NAME = 9;

    private final String commandName;
    private final char shortcut;
    private final boolean takesArguments;

    ClientCommand(String commandName, char shortcut, boolean takesArguments) {
        this.commandName = commandName;
        this.shortcut = shortcut;
        this.takesArguments = takesArguments;
    }

    String commandName() {
        return commandName;
    }

    boolean takesArguments() {
        return takesArguments;
    }

    boolean quits() {
        return this == EXIT || this == QUIT;
    }

    /** The command whose name is these bytes, in any case, or null. */
    static ClientCommand named(byte[] bytes, int from, int length) {
        if (length > LONGEST_NAME) {
            return null;
        }
        for (ClientCommand command : values()) {
            if (command.commandName.length() == length && sameLetters(command.commandName, bytes, from)) {
                return command;
            }
        }
        return null;
    }

    /** The command of the shortcut {@code \c}, or null when {@code c} is none. */
    static ClientCommand shortcut(int c) {
        for (ClientCommand command : values()) {
            if (command.shortcut == c) {
                return command;
            }
        }
        return null;
    }

    private static boolean sameLetters(String name, byte[] bytes, int from) {
        for (int i = 0; i < name.length(); i++) {
            int c = bytes[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

package fr.esup.podmigrate.run;

/**
 * An action the console refuses and that changed nothing; the page says why in the operator's language,
 * from the message key and its arguments.
 */
public class RefusedException extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public RefusedException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args.clone();
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}

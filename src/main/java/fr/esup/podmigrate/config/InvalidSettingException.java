package fr.esup.podmigrate.config;

/** A setting that prevents the console from starting; its message names the setting and why. */
public class InvalidSettingException extends RuntimeException {

    private final String setting;

    public InvalidSettingException(String setting, String reason) {
        super(setting + " " + reason);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}

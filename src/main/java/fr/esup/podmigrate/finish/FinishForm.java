package fr.esup.podmigrate.finish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where Pod lives on the operator's servers: the commands use these values.
 *
 * @param v2Media the v2 media folder as rsync reads it, {@code host:/path/} (the path alone when local)
 */
public record FinishForm(String directory, String virtualenv, String v2Media) {

    /** What a shell reads as one word, unquoted. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./:@~+-]{1,200}");

    public FinishForm {
        directory = directory == null ? "" : directory.strip();
        virtualenv = virtualenv == null ? "" : virtualenv.strip();
        v2Media = v2Media == null ? "" : v2Media.strip();
    }

    /** What is wrong with each field, as a message key by field name. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!SHELL_WORD.matcher(directory).matches() || !directory.startsWith("/")) {
            errors.put("directory", "finish.form.directory.invalid");
        }
        if (!SHELL_WORD.matcher(virtualenv).matches()) {
            errors.put("virtualenv", "finish.form.virtualenv.invalid");
        }
        if (!SHELL_WORD.matcher(v2Media).matches()) {
            errors.put("v2Media", "finish.form.v2Media.invalid");
        }
        return errors;
    }
}

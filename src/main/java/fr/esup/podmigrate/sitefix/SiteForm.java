package fr.esup.podmigrate.sitefix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The domain and name the operator gives site 1: what Pod shows in its links and mails. */
public record SiteForm(String domain, String name) {

    /** Django's column sizes. */
    static final int DOMAIN_LENGTH = 100;
    static final int NAME_LENGTH = 50;
    /** A host name (RFC 1123 labels), with a port for a site served on one. */
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}(:|$))[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::\\d{1,5})?");

    public SiteForm {
        domain = domain == null ? "" : domain.strip();
        name = name == null ? "" : name.strip();
    }

    /** What is wrong with each field, as a message key by field name. */
    public Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (domain.isEmpty() || domain.length() > DOMAIN_LENGTH || !HOST.matcher(domain).matches()) {
            errors.put("domain", "sitefix.site.domain.invalid");
        }
        if (name.isEmpty() || name.length() > NAME_LENGTH) {
            errors.put("name", "sitefix.site.name.invalid");
        }
        return errors;
    }
}

package fr.esup.podmigrate.pod;

/**
 * A model field that Pod v3 translates (django-modeltranslation adds a {@code <field>_<lang>} column per language
 * beside it) and v2 did not. Pod shows the active language's column, falling back through
 * {@code MODELTRANSLATION_FALLBACK_LANGUAGES}: rows from v2 show an empty value until the default language's column
 * holds the field's value, which Pod's {@code update_translation_fields} command copies where that column is empty.
 *
 * @param translatedIn the first Pod release that translates it
 */
public record TranslatedField(String table, String field, String translatedIn) {

    /** The column modeltranslation fills for its default language. */
    public String defaultLanguageColumn() {
        return field + "_" + PodMigrationRules.DEFAULT_LANGUAGE;
    }
}

package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.checklist.Broadcasters;
import fr.esup.podmigrate.dump.Podv2ScriptOptions;
import fr.esup.podmigrate.sitefix.SiteForm;
import fr.esup.podmigrate.sql.dump.DumpOptions;
import fr.esup.podmigrate.sql.load.ErrorPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every choice that shapes a migration's result, as a rehearsal made them, for a replay to make them again: a small
 * JSON file that names no password (nor any database: the replay runs on the {@code podmigrate.*} settings' target).
 *
 * @param podv2          where podv2.sql comes from: the file rehearsed, and the generation options when generated
 * @param sourceDatabase in a script of several databases, the one imported; null for the Pod v2 one
 * @param errorPolicy    {@code stop} at the first failing statement, or {@code continue}
 * @param site           site 1's domain and name; null to keep what the import leaves
 * @param siteFixes      the site fixes applied, by key ({@code default-site:video_channel}...)
 * @param broadcasters   the re-created tables whose missing v2 rows are inserted
 * @param checked        the checklist items ticked as checked when the recipe was written
 * @param rehearsal      what the rehearsal measured, null when none ran
 */
public record Recipe(int format, Podv2 podv2, String sourceDatabase, boolean includeEphemeral, String errorPolicy,
                     Site site, List<String> siteFixes, List<String> broadcasters, List<String> checked,
                     Rehearsed rehearsal) {

    /** The newest rehearsal's recipe, in the workspace's exports folder. */
    public static final String FILE = "recipe.json";
    static final int FORMAT = 1;
    static final String STOP = "stop";
    static final String CONTINUE = "continue";
    private static final Pattern FIX_KEY = Pattern.compile("[a-z-]+:[A-Za-z0-9_]+");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Recipe {
        siteFixes = siteFixes == null ? List.of() : List.copyOf(siteFixes);
        broadcasters = broadcasters == null ? List.of() : List.copyOf(broadcasters);
        checked = checked == null ? List.of() : List.copyOf(checked);
    }

    /** The podv2.sql: the file given, and how it was generated from the v2 database when it was. */
    public record Podv2(String file, Generation generation) {
    }

    /** The options podv2.sql is generated with, as the dump step and the {@code dump} verb name them. */
    public record Generation(boolean excludeTables, String structure, boolean truncate, String insert, boolean gzip) {

        static Generation of(Podv2ScriptOptions options) {
            return new Generation(options.excludeTables(), options.structure().name().toLowerCase(Locale.ROOT),
                    options.truncate(), options.insertMode().name().toLowerCase(Locale.ROOT), options.gzip());
        }

        Podv2ScriptOptions options() {
            return new Podv2ScriptOptions(excludeTables, DumpOptions.Structure.valueOf(structure.toUpperCase(Locale.ROOT)),
                    truncate, DumpOptions.InsertMode.valueOf(insert.toUpperCase(Locale.ROOT)), gzip);
        }
    }

    public record Site(String domain, String name) {

        SiteForm form() {
            return new SiteForm(domain, name);
        }
    }

    /**
     * What the rehearsal found: its verdict and each step's duration in milliseconds, in the order they ran (the
     * replay's expected downtime is their sum).
     */
    public record Rehearsed(String at, String verdict, Map<String, Long> stepMillis) {

        public long totalMillis() {
            return stepMillis == null ? 0 : stepMillis.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What {@code step} took in the rehearsal, null when it did not run there. */
        public Long millisOf(String step) {
            return stepMillis == null ? null : stepMillis.get(step);
        }
    }

    ErrorPolicy policy() {
        return CONTINUE.equals(errorPolicy) ? ErrorPolicy.CONTINUE : ErrorPolicy.STOP_AT_FIRST;
    }

    /**
     * This recipe importing {@code sourceDatabase}'s section (null: the Pod v2 one), the caches and short-lived tables
     * too with {@code includeEphemeral}, going on past a failing statement with {@code continueOnError}.
     */
    public Recipe withImport(String sourceDatabase, boolean includeEphemeral, boolean continueOnError) {
        return new Recipe(format, podv2, sourceDatabase, includeEphemeral, continueOnError ? CONTINUE : STOP, site,
                siteFixes, broadcasters, checked, rehearsal);
    }

    Recipe withRehearsal(Rehearsed rehearsed) {
        return new Recipe(format, podv2, sourceDatabase, includeEphemeral, errorPolicy, site, siteFixes, broadcasters,
                checked, rehearsed);
    }

    /** What makes this recipe unfit for a replay, one sentence a problem; empty when it is fit. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (format != FORMAT) {
            problems.add("format " + format + " is not " + FORMAT);
        }
        if (!STOP.equals(errorPolicy) && !CONTINUE.equals(errorPolicy)) {
            problems.add("errorPolicy is '" + errorPolicy + "', not " + STOP + " or " + CONTINUE);
        }
        if (site != null) {
            site.form().errors().forEach((field, key) -> problems.add("site." + field + " is not valid"));
        }
        siteFixes.stream().filter(key -> key == null || !FIX_KEY.matcher(key).matches())
                .forEach(key -> problems.add("siteFixes has '" + key + "', not a fix's key"));
        broadcasters.stream().filter(table -> !Broadcasters.recreatedTables().contains(table))
                .forEach(table -> problems.add("broadcasters names " + table + ", not a table re-created by hand ("
                        + String.join(", ", Broadcasters.recreatedTables()) + ")"));
        if (podv2 != null && podv2.generation() != null) {
            try {
                podv2.generation().options();
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("podv2.generation has an unknown structure or insert mode");
            }
        }
        return problems;
    }

    public String toJson() {
        return JSON.writeValueAsString(this) + "\n";
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads a recipe; throws {@link Refused} when the file is not one, or holds a choice no replay can make. */
    public static Recipe read(Path file) throws Refused {
        Recipe recipe;
        try {
            recipe = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Recipe.class);
        } catch (IOException | JacksonException e) {
            throw new Refused("The recipe " + file + " cannot be read: " + e.getMessage());
        }
        List<String> problems = recipe.problems();
        if (!problems.isEmpty()) {
            throw new Refused("The recipe " + file + " is refused: " + String.join("; ", problems));
        }
        return recipe;
    }
}

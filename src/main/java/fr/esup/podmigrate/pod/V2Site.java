package fr.esup.podmigrate.pod;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The v2 site being generated, shared by the writers of its parts: the sizes its scale gives, its random
 * source, the ids one part hands to the next, and one row writer per table.
 */
final class V2Site {

    static final LocalDateTime FIRST_UPLOAD = LocalDateTime.of(2016, 9, 1, 8, 0);
    private static final int UPLOAD_PERIOD_DAYS = 7 * 365;

    final PodVersion version;
    final SplittableRandom random;
    final SampleText text;
    final int videos;
    final int users;
    final int channels;
    final int disciplines;
    final int tags;
    final int accessGroups;
    final int categories;
    final int videoContentType;
    /** By user id, written by {@link V2People}: video files live in their owner's folder. */
    final String[] ownerHashkeys;
    /** By channel id, written by {@link V2Catalog}: a video's theme belongs to its channel. */
    final int[] firstThemeOfChannel;
    final int[] themesOfChannel;

    private final Statement statement;
    private final Map<String, ExtendedInsert> tables = new LinkedHashMap<>();

    V2Site(Statement statement, PodVersion version, int videos, long seed, int videoContentType) {
        this.statement = statement;
        this.version = version;
        this.random = new SplittableRandom(seed);
        this.text = new SampleText(random);
        this.videos = videos;
        this.users = Math.max(10, videos / 4);
        this.channels = Math.max(4, videos / 40);
        this.disciplines = V2Catalog.DISCIPLINES.length + videos / 4000;
        this.tags = SampleText.TAG_WORDS.length + videos / 10;
        this.accessGroups = 3 + videos / 2000;
        this.categories = Math.max(2, users / 10);
        this.videoContentType = videoContentType;
        this.ownerHashkeys = new String[users + 1];
        this.firstThemeOfChannel = new int[channels + 1];
        this.themesOfChannel = new int[channels + 1];
    }

    ExtendedInsert table(String name, String... columns) {
        return table(name, 0, columns);
    }

    /** The writer of a table, created on first use with ids after {@code lastId} (rows Pod itself created). */
    ExtendedInsert table(String name, long lastId, String... columns) {
        return tables.computeIfAbsent(name, n -> new ExtendedInsert(statement, lastId, n, columns));
    }

    /** Sends what the writers still hold and counts what they wrote. */
    GeneratedRows finish() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, ExtendedInsert> table : tables.entrySet()) {
            table.getValue().flush();
            rows.put(table.getKey(), table.getValue().rows());
        }
        return new GeneratedRows(rows);
    }

    LocalDateTime someTime() {
        return FIRST_UPLOAD.plusDays(random.nextInt(UPLOAD_PERIOD_DAYS)).plusSeconds(random.nextInt(12 * 3600))
                .withNano(random.nextInt(1000) * 1000);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** An id in 1..{@code count}. */
    int any(int count) {
        return 1 + random.nextInt(count);
    }

    /** An array whose length is drawn from {@code weights} (the chance of length 0, 1, 2...). */
    int[] weighted(double... weights) {
        double draw = random.nextDouble();
        int length = 0;
        while (length < weights.length - 1 && draw >= weights[length]) {
            draw -= weights[length];
            length++;
        }
        return new int[length];
    }

    /** Fills {@code ids} with distinct ids in 1..{@code max}, low ids more likely (popular channels, tags...). */
    int[] distinct(int[] ids, int max) {
        int count = Math.min(ids.length, max);
        int[] result = new int[count];
        for (int i = 0; i < count; i++) {
            int candidate;
            do {
                candidate = 1 + (int) (max * Math.pow(random.nextDouble(), 1.5));
            } while (contains(result, i, candidate));
            result[i] = candidate;
        }
        return result;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}

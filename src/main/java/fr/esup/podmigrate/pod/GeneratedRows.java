package fr.esup.podmigrate.pod;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rows a generator inserted, per table, in the order it first wrote them. */
public record GeneratedRows(Map<String, Long> perTable) {

    public GeneratedRows {
        perTable = Collections.unmodifiableMap(new LinkedHashMap<>(perTable));
    }

    public long total() {
        return perTable.values().stream().mapToLong(Long::longValue).sum();
    }
}

package fr.esup.podmigrate.checklist;

import fr.esup.podmigrate.config.Workspace;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checklist items the operator ticked as checked, with who and when, kept in the workspace as an append-only
 * log of ticks and unticks ({@code runs/checklist.log}): the last line about an item says its state.
 */
@Component
public class ChecklistStore {

    private static final String TICK = "tick";
    private static final String UNTICK = "untick";

    private final Path log;

    public ChecklistStore(Workspace workspace) {
        this.log = workspace.runs().resolve("checklist.log");
    }

    /** Who checked an item, and when. */
    public record Tick(String operator, Instant at) {
    }

    /** The ticked items, by item name. */
    public synchronized Map<String, Tick> ticks() {
        Map<String, Tick> ticks = new LinkedHashMap<>();
        for (String line : lines()) {
            String[] fields = line.split("\t", 4);
            if (fields.length == 4) {
                if (TICK.equals(fields[2])) {
                    ticks.put(fields[3], new Tick(fields[1], Instant.parse(fields[0])));
                } else {
                    ticks.remove(fields[3]);
                }
            }
        }
        return ticks;
    }

    public void tick(String item, String operator) {
        append(TICK, item, operator);
    }

    public void untick(String item, String operator) {
        append(UNTICK, item, operator);
    }

    private synchronized void append(String action, String item, String operator) {
        String line = Instant.now() + "\t" + clean(operator) + "\t" + action + "\t" + clean(item) + "\n";
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the checklist " + log, e);
        }
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checklist " + log, e);
        }
    }

    private static String clean(String text) {
        return text.replaceAll("[\\r\\n\\t]", " ");
    }
}

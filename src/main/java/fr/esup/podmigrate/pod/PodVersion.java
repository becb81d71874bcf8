package fr.esup.podmigrate.pod;

import java.util.Arrays;

/** The Esup-Pod releases whose real schemas the project ships as fixtures (resources {@code /pod-schema/}). */
public enum PodVersion {
    V2_9_1("2.9.1"),
    V2_9_3("2.9.3"),
    V3_0_5("3.0.5"),
    V3_8_4("3.8.4");

    private final String label;

    PodVersion(String label) {
        this.label = label;
    }

    /** The release number, e.g. {@code 2.9.1}. */
    public String label() {
        return label;
    }

    public boolean isV2() {
        return label.startsWith("2.");
    }

    public static PodVersion of(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Pod " + label + " fixture; known: "
                        + Arrays.stream(values()).map(PodVersion::label).toList()));
    }

    String schemaResource() {
        return "/pod-schema/pod-" + label + ".sql";
    }

    String blankDataResource() {
        return "/pod-schema/pod-" + label + "-blank-data.sql";
    }

    @Override
    public String toString() {
        return label;
    }
}

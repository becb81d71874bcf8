package fr.esup.podmigrate.pod;

import java.util.Collection;

/** How a Pod v3 database lays out the tables a v2 import lands in; decides which renames apply. */
public enum TargetShape {
    /** Pod 3.0 to 3.2: the encoding models still live in the {@code video} app, under their v2 table names. */
    V3_0_TO_3_2,
    /** Pod 3.3 and later: the encoding models moved to the {@code video_encode_transcript} app. */
    V3_3_PLUS;

    static final String ENCODE_TRANSCRIPT_APP = "video_encode_transcript";

    /** The shape of a Pod v3 database, from its table names. */
    public static TargetShape of(Collection<String> v3Tables) {
        return v3Tables.contains(ENCODE_TRANSCRIPT_APP + "_encodingvideo") ? V3_3_PLUS : V3_0_TO_3_2;
    }
}

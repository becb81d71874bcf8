package fr.esup.podmigrate.pod;

import java.util.Set;

/** A v2 table whose rows belong, in a v3 target of one of {@code shapes}, to the table {@code v3Table}. */
public record TableRename(String v2Table, String v3Table, Set<TargetShape> shapes) {
}

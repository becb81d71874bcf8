/**
 * What Pod v2 and v3 look like and how one becomes the other, as data: the versions and their schemas
 * ({@link fr.esup.podmigrate.pod.PodVersion}, {@link fr.esup.podmigrate.pod.PodSchemas}), the renames, dropped
 * columns, excluded, ephemeral and unread tables, the site links and translated fields
 * ({@link fr.esup.podmigrate.pod.PodMigrationRules} and the records it lists), and the commands run on Pod's servers
 * ({@link fr.esup.podmigrate.pod.PodServers}). No step, no web, no Spring.
 * <p>
 * Why more than twenty files: a third of them ({@link fr.esup.podmigrate.pod.V2DataGenerator} with {@code V2Site},
 * {@code V2People}, {@code V2Catalog}, {@code V2Videos}, {@code V2Live}, {@code GeneratedRows}, {@code SampleText},
 * {@code ExtendedInsert}) write a plausible Pod v2 database for the demo, the benchmark and the tests; they are
 * generated from the same schemas and rules, so they live beside them rather than in a package that would export
 * every rule to them.
 */
package fr.esup.podmigrate.pod;

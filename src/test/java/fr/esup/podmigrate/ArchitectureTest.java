package fr.esup.podmigrate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The walls between packages: the engine and the Pod knowledge stand alone, the run's machinery knows no step, and no
 * package depends on itself through another.
 */
class ArchitectureTest {

    private static final String ROOT = "fr.esup.podmigrate";
    private static final String[] STEPS = {"connection", "backup", "wipe", "dump", "importing", "sitefix",
            "checklist", "verify", "finish"};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /**
     * The JDK, the decompressors of the formats the JDK lacks (bzip2, xz, zstd) or reads leniently (gzip), and the
     * MariaDB driver's own Statement, which alone hands LOAD DATA LOCAL a stream (the script's bytes) rather than a
     * file.
     */
    @Test
    void sqlEngineDependsOnNothingElseOfTheProjectNorOnSpring() {
        noClasses().that().resideInAPackage(ROOT + ".sql..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".sql..", "java..", "javax..",
                        "org.apache.commons.compress.compressors.bzip2..",
                        "org.apache.commons.compress.compressors.gzip..", "org.tukaani.xz..",
                        "io.airlift.compress.zstd..", "org.mariadb.jdbc")
                .check(classes);
    }

    /** Loading reads scripts; dumping writes them on its own; what the rooms share knows none of them. */
    @Test
    void engineRoomsDependOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("shared").definedBy(ROOT + ".sql")
                .layer("script").definedBy(ROOT + ".sql.script..")
                .layer("load").definedBy(ROOT + ".sql.load..")
                .layer("dump").definedBy(ROOT + ".sql.dump..")
                .whereLayer("load").mayNotBeAccessedByAnyLayer()
                .whereLayer("dump").mayNotBeAccessedByAnyLayer()
                .whereLayer("script").mayOnlyBeAccessedByLayers("load")
                .check(classes);
    }

    @Test
    void podKnowledgeKnowsNoStepNoWebAndNoSpring() {
        noClasses().that().resideInAPackage(ROOT + ".pod..")
                .should().dependOnClassesThat().resideInAnyPackage(stepPackages())
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.servlet..")
                .check(classes);
    }

    private static String[] stepPackages() {
        String[] packages = new String[STEPS.length];
        for (int i = 0; i < STEPS.length; i++) {
            packages[i] = ROOT + "." + STEPS[i] + "..";
        }
        return packages;
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRunsMachineryKnowsNoStep() {
        noClasses().that().resideInAnyPackage(ROOT + ".run..", ROOT + ".config..", ROOT + ".job..", ROOT + ".v2..",
                        ROOT + ".v3..")
                .should().dependOnClassesThat().resideInAnyPackage(stepPackages())
                .check(classes);
    }

    @Test
    void podKnowledgeKnowsNoRunAndNoSettings() {
        noClasses().that().resideInAPackage(ROOT + ".pod..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".run..", ROOT + ".config..",
                        ROOT + ".job..")
                .check(classes);
    }
}

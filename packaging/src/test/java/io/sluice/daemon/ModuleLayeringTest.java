package io.sluice.daemon;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the module boundaries of shared/DESIGN.md true: the core knows no transport or client
 * library, and plugins depend on the core's API, not on each other or on the daemon.
 */
class ModuleLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sluice");
    }

    @Test
    void coreKnowsNoNettyKafkaOrElasticsearch() {
        noClasses().that().resideInAPackage("io.sluice.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.apache.kafka..",
                        "co.elastic..", "org.elasticsearch..", "io.sluice.config..", "io.sluice.inputs..",
                        "io.sluice.outputs..", "io.sluice.daemon..")
                .check(classes);
    }

    @Test
    void inputsAndOutputsDependOnlyOnTheCoreApi() {
        noClasses().that().resideInAPackage("io.sluice.inputs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.outputs..", "io.sluice.config..", "io.sluice.daemon..")
                .check(classes);
        noClasses().that().resideInAPackage("io.sluice.outputs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.inputs..", "io.sluice.config..", "io.sluice.daemon..")
                .check(classes);
    }

    @Test
    void configKnowsNoPluginImplementation() {
        noClasses().that().resideInAPackage("io.sluice.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.inputs..", "io.sluice.outputs..",
                        "io.sluice.daemon..", "io.netty..")
                .check(classes);
    }
}

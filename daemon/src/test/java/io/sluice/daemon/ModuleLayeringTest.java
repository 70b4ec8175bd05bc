package io.sluice.daemon;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the layering of docs/architecture.md true: plugins (inputs, outputs) see only the plugin API
 * ({@code io.sluice.api}); the API knows nothing of the engine ({@code io.sluice.core}); neither the API
 * nor the engine knows a transport or client library; nothing below the daemon knows the daemon.
 */
class ModuleLayeringTest {
    private static final String[] TRANSPORTS = {"io.netty..", "org.apache.kafka..", "co.elastic..",
            "org.elasticsearch..", "java.net.http.."};

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        // test classes and the modules' test-jars (test kits) are not part of the layering
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.sluice");
    }

    @Test
    void apiAndEngineKnowNoTransport() {
        noClasses().that().resideInAnyPackage("io.sluice.api..", "io.sluice.core..")
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
                .check(classes);
    }

    @Test
    void apiKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("io.sluice.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.core..", "io.sluice.config..",
                        "io.sluice.inputs..", "io.sluice.outputs..", "io.sluice.daemon..")
                .check(classes);
    }

    @Test
    void engineKnowsNoPluginConfigOrDaemon() {
        noClasses().that().resideInAPackage("io.sluice.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.config..", "io.sluice.inputs..",
                        "io.sluice.outputs..", "io.sluice.daemon..")
                .check(classes);
    }

    @Test
    void inputsAndOutputsImportOnlyTheApi() {
        noClasses().that().resideInAnyPackage("io.sluice.inputs..", "io.sluice.outputs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.sluice.core..", "io.sluice.config..",
                        "io.sluice.daemon..")
                .check(classes);
        noClasses().that().resideInAPackage("io.sluice.inputs..")
                .should().dependOnClassesThat().resideInAPackage("io.sluice.outputs..")
                .check(classes);
        noClasses().that().resideInAPackage("io.sluice.outputs..")
                .should().dependOnClassesThat().resideInAPackage("io.sluice.inputs..")
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

package io.sluice.daemon.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped class list of the class-data cache names classes that exist: a rename or a dropped library shows here. */
class ClassDataCacheFillTest {
    @Test
    void everyListedClassLoads() {
        List<String> listed = ClassDataCacheFill.listed();
        assertThat(listed).as("the shipped list (benchmarks/class-list.sh)").hasSizeGreaterThan(1000)
                .contains("io.sluice.inputs.container.ContainerInput", "io.sluice.daemon.admin.AdminServer");
        List<String> missing = new ArrayList<>();
        for (String name : listed) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        assertThat(missing).as("listed classes that no longer exist: regenerate with benchmarks/class-list.sh").isEmpty();
        assertThat(ClassDataCacheFill.loadAll()).isEqualTo(listed.size());
    }

    @Test
    void onlyTheRunThatWritesTheCacheFillsIt() {
        assertThat(ClassDataCacheFill.writing()).isFalse();
        System.setProperty(ClassDataCacheFill.PROPERTY, "writing");
        try {
            assertThat(ClassDataCacheFill.writing()).isTrue();
        } finally {
            System.clearProperty(ClassDataCacheFill.PROPERTY);
        }
    }
}

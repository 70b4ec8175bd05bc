package io.sluice.daemon.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the class-data cache the launcher has this JVM write at exit ({@code -XX:ArchiveClassesAtExit}
 * on Java 17-24, {@code -XX:AOTCacheOutput} on 25+; the launcher then passes
 * {@code -Dsluice.classDataCache=writing}). The JVM archives only the classes loaded when it exits, so
 * a cache written by the first run of one config would lack what another config starts with: the
 * sidecar's file tail and admin endpoint after a TCP benchmark's first run cost it 0.2-0.4 s of CPU on
 * every later start (docs/performance.md, "Session 6: start-up"). Before exit, whatever the run did
 * (a refused config too), this loads the classes that the admin endpoint and the plugins without a
 * client library of their own load at start ({@value #CLASS_LIST}, made by
 * {@code benchmarks/class-list.sh}, which says why the others are left out). Classes are loaded, not
 * initialised: no static initialiser runs, nothing is started or opened; the JVM links them when it
 * writes the cache.
 */
final class ClassDataCacheFill {
    static final String PROPERTY = "sluice.classDataCache";
    static final String CLASS_LIST = "/io/sluice/daemon/class-data-cache.classlist";

    private ClassDataCacheFill() {}

    /** True when the launcher has this JVM write the class-data cache at exit. */
    static boolean writing() {
        return "writing".equals(System.getProperty(PROPERTY));
    }

    /** Loads the classes of the shipped list; returns how many classes loaded. Never throws. */
    static int loadAll() {
        ClassLoader loader = ClassDataCacheFill.class.getClassLoader();
        int loaded = 0;
        for (String name : listed()) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class of an optional dependency, or one a newer build renamed: the cache goes without it
            }
        }
        return loaded;
    }

    /** The shipped list: one binary class name a line, {@code #} comments. */
    static List<String> listed() {
        List<String> names = new ArrayList<>();
        try (InputStream in = ClassDataCacheFill.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) return names;
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) names.add(line);
            }
        } catch (IOException e) {
            return names;
        }
        return names;
    }
}

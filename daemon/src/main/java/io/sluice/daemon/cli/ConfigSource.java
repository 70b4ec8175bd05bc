package io.sluice.daemon.cli;

import io.sluice.config.ConfigException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ConfigProblem;
import io.sluice.config.DefaultPipeline;
import io.sluice.config.LoadedConfig;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.daemon.plugins.ShippedPlugins;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Loads the pipeline named by {@code -c}, or the built-in default, and prints problems the same way for every command. */
final class ConfigSource {
    private ConfigSource() {}

    static LoadedConfig load(Path file, PluginRegistry registry) throws ConfigException {
        if (file == null) return DefaultPipeline.load(registry, System.getenv());
        return new ConfigLoader(registry, System.getenv()).load(file);
    }

    /** Loads the config, or prints every problem and returns null (the caller exits with CONFIG_INVALID). */
    static LoadedConfig loadOrReport(Path file, PrintWriter err) {
        try {
            LoadedConfig loaded = load(file, ShippedPlugins.registry());
            printWarnings(loaded, err);
            return loaded;
        } catch (ConfigException e) {
            printProblems(e, err);
            return null;
        }
    }

    static void printProblems(ConfigException e, PrintWriter err) {
        for (ConfigProblem p : e.problems()) err.println(p);
        err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " found; nothing was started");
        err.flush();
    }

    static void printWarnings(LoadedConfig loaded, PrintWriter err) {
        for (ConfigProblem w : loaded.warnings()) err.println("warning: " + w);
        err.flush();
    }
}

package io.sluice.api.plugin;

/**
 * The plugins a distribution ships, by type, constructed on request without a class-path scan
 * ({@link PluginRegistry}). Each method returns null for a type it does not know; a plugin it
 * returns must answer that type from {@code type()}.
 */
public interface BuiltInPlugins {
    BuiltInPlugins NONE = new BuiltInPlugins() {
        @Override public InputPlugin input(String type) { return null; }
        @Override public OutputPlugin output(String type) { return null; }
        @Override public TransformPlugin transform(String type) { return null; }
    };

    InputPlugin input(String type);

    OutputPlugin output(String type);

    TransformPlugin transform(String type);
}

package io.sluice.api.plugin;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The input, output and transform types found on the class path with {@link ServiceLoader}. */
public final class PluginRegistry {
    private final Map<String, InputPlugin> inputs = new TreeMap<>();
    private final Map<String, OutputPlugin> outputs = new TreeMap<>();
    private final Map<String, TransformPlugin> transforms = new TreeMap<>();

    public static PluginRegistry load() {
        PluginRegistry r = new PluginRegistry();
        ClassLoader cl = PluginRegistry.class.getClassLoader();
        for (InputPlugin p : ServiceLoader.load(InputPlugin.class, cl)) r.register(p);
        for (OutputPlugin p : ServiceLoader.load(OutputPlugin.class, cl)) r.register(p);
        for (TransformPlugin p : ServiceLoader.load(TransformPlugin.class, cl)) r.register(p);
        return r;
    }

    public PluginRegistry register(InputPlugin plugin) {
        if (inputs.putIfAbsent(plugin.type(), plugin) != null) {
            throw new IllegalStateException("two input plugins claim type '" + plugin.type() + "'");
        }
        return this;
    }

    public PluginRegistry register(OutputPlugin plugin) {
        if (outputs.putIfAbsent(plugin.type(), plugin) != null) {
            throw new IllegalStateException("two output plugins claim type '" + plugin.type() + "'");
        }
        return this;
    }

    public PluginRegistry register(TransformPlugin plugin) {
        if (transforms.putIfAbsent(plugin.type(), plugin) != null) {
            throw new IllegalStateException("two transform plugins claim type '" + plugin.type() + "'");
        }
        return this;
    }

    /** Null when no input has that type. */
    public InputPlugin input(String type) { return inputs.get(type); }
    public OutputPlugin output(String type) { return outputs.get(type); }
    public Map<String, InputPlugin> inputs() { return Map.copyOf(inputs); }
    public Map<String, OutputPlugin> outputs() { return Map.copyOf(outputs); }
    public TransformPlugin transform(String type) { return transforms.get(type); }
    public Map<String, TransformPlugin> transforms() { return Map.copyOf(transforms); }
}

package io.sluice.api.plugin;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The input, output and transform types a config can name: those registered, those a
 * {@link BuiltInPlugins} source names, and those {@link ServiceLoader} finds on the class path.
 *
 * <p>The class-path scan runs at most once and only when needed: for a type neither registered nor
 * built in, or to list every type. It opens every jar of the class path (120 in the distribution, about
 * 100 ms of CPU at start-up, docs/performance.md "Session 7: start-up"), so a daemon whose config names
 * only built-in types starts without it.
 */
public final class PluginRegistry {
    private final Map<String, InputPlugin> inputs = new TreeMap<>();
    private final Map<String, OutputPlugin> outputs = new TreeMap<>();
    private final Map<String, TransformPlugin> transforms = new TreeMap<>();
    private final BuiltInPlugins builtIns;
    private final ClassLoader scanLoader;
    private boolean scanned;

    /** Only what is registered: no built-ins, no class-path scan (tests). */
    public PluginRegistry() {
        this(BuiltInPlugins.NONE, null);
    }

    private PluginRegistry(BuiltInPlugins builtIns, ClassLoader scanLoader) {
        this.builtIns = builtIns;
        this.scanLoader = scanLoader;
        this.scanned = scanLoader == null;
    }

    /** Every plugin on the class path, found with {@link ServiceLoader} when first asked for. */
    public static PluginRegistry load() {
        return load(BuiltInPlugins.NONE);
    }

    /** The built-in plugins without a scan, then the class path for any other type. */
    public static PluginRegistry load(BuiltInPlugins builtIns) {
        return new PluginRegistry(builtIns, PluginRegistry.class.getClassLoader());
    }

    public synchronized PluginRegistry register(InputPlugin plugin) {
        claim(inputs, plugin.type(), plugin, "input");
        return this;
    }

    public synchronized PluginRegistry register(OutputPlugin plugin) {
        claim(outputs, plugin.type(), plugin, "output");
        return this;
    }

    public synchronized PluginRegistry register(TransformPlugin plugin) {
        claim(transforms, plugin.type(), plugin, "transform");
        return this;
    }

    /** Null when no input has that type. */
    public synchronized InputPlugin input(String type) {
        return find(inputs, type, builtIns::input, "input");
    }

    public synchronized OutputPlugin output(String type) {
        return find(outputs, type, builtIns::output, "output");
    }

    public synchronized TransformPlugin transform(String type) {
        return find(transforms, type, builtIns::transform, "transform");
    }

    public synchronized Map<String, InputPlugin> inputs() {
        scan();
        return Map.copyOf(inputs);
    }

    public synchronized Map<String, OutputPlugin> outputs() {
        scan();
        return Map.copyOf(outputs);
    }

    public synchronized Map<String, TransformPlugin> transforms() {
        scan();
        return Map.copyOf(transforms);
    }

    private <P> P find(Map<String, P> known, String type, Function<String, P> builtIn, String what) {
        P plugin = known.get(type);
        if (plugin != null) return plugin;
        plugin = builtIn.apply(type);
        if (plugin != null) {
            claim(known, type, plugin, what);
            return plugin;
        }
        scan();
        return known.get(type);
    }

    private void scan() {
        if (scanned) return;
        scanned = true;
        for (InputPlugin p : ServiceLoader.load(InputPlugin.class, scanLoader)) claim(inputs, p.type(), p, "input");
        for (OutputPlugin p : ServiceLoader.load(OutputPlugin.class, scanLoader)) claim(outputs, p.type(), p, "output");
        for (TransformPlugin p : ServiceLoader.load(TransformPlugin.class, scanLoader)) claim(transforms, p.type(), p, "transform");
    }

    /** A second plugin class for a type is an error; the same class found twice (built in, then scanned) is not. */
    private static <P> void claim(Map<String, P> known, String type, P plugin, String what) {
        P earlier = known.putIfAbsent(type, plugin);
        if (earlier != null && earlier.getClass() != plugin.getClass()) {
            throw new IllegalStateException("two " + what + " plugins claim type '" + type + "': "
                    + earlier.getClass().getName() + " and " + plugin.getClass().getName());
        }
    }
}

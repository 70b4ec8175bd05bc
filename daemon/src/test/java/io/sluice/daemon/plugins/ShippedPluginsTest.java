package io.sluice.daemon.plugins;

import io.sluice.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every plugin the modules register in META-INF/services is also in {@link ShippedPlugins}, under the
 * type it answers: otherwise a config naming it would make every start scan the class path again.
 * (Plugins of the daemon's own tests, such as GateOutputPlugin, are not shipped.)
 */
class ShippedPluginsTest {
    private final PluginRegistry classPath = PluginRegistry.load();

    @Test
    void everyInputOnTheClassPathIsShipped() {
        assertShipped(classPath.inputs(), ShippedPlugins.INSTANCE::input);
    }

    @Test
    void everyOutputOnTheClassPathIsShipped() {
        assertShipped(classPath.outputs(), ShippedPlugins.INSTANCE::output);
    }

    @Test
    void everyTransformOnTheClassPathIsShipped() {
        assertShipped(classPath.transforms(), ShippedPlugins.INSTANCE::transform);
    }

    @Test
    void anUnknownTypeIsLeftToTheClassPath() {
        assertThat(ShippedPlugins.INSTANCE.input("no_such_input")).isNull();
        assertThat(ShippedPlugins.registry().output("test_gate")).as("the daemon tests' own output, found by the scan")
                .isNotNull();
    }

    private static <P> void assertShipped(Map<String, P> found, Function<String, P> shipped) {
        assertThat(found).isNotEmpty();
        found.forEach((type, plugin) -> {
            if (plugin.getClass().getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) return;
            P builtIn = shipped.apply(type);
            assertThat(builtIn).as("ShippedPlugins for type '%s' (%s)", type, plugin.getClass().getName()).isNotNull();
            assertThat(builtIn.getClass()).as("the class ShippedPlugins gives for '%s'", type).isEqualTo(plugin.getClass());
        });
    }
}

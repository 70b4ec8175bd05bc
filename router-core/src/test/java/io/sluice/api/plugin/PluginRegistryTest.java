package io.sluice.api.plugin;

import io.sluice.api.option.OptionSpec;
import io.sluice.core.transform.Redact;
import io.sluice.core.transform.Sample;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry answers built-in types without scanning the class path, and scans (once) for any other
 * type or to list them all. router-core's own META-INF/services names its transforms (redact, sample...).
 */
class PluginRegistryTest {
    /** A transform that claims "redact" but is not the class the class path registers for it. */
    static final class OtherRedact implements TransformPlugin {
        @Override public String type() { return "redact"; }
        @Override public OptionSpec options() { return new Redact().options(); }
        @Override public Transform create(String name, io.sluice.api.option.Options options,
                                          io.micrometer.core.instrument.MeterRegistry meters) {
            throw new UnsupportedOperationException();
        }
    }

    private static BuiltInPlugins transforms(Map<String, TransformPlugin> builtIn) {
        return new BuiltInPlugins() {
            @Override public InputPlugin input(String type) { return null; }
            @Override public OutputPlugin output(String type) { return null; }
            @Override public TransformPlugin transform(String type) { return builtIn.get(type); }
        };
    }

    @Test
    void aBuiltInTypeIsAnsweredWithoutScanningTheClassPath() {
        PluginRegistry registry = PluginRegistry.load(transforms(Map.of("redact", new OtherRedact())));

        assertThat(registry.transform("redact")).isInstanceOf(OtherRedact.class);
        // had the lookup scanned, the class path's Redact would have clashed with it there; it clashes
        // only now, when listing every type makes the registry scan
        assertThatThrownBy(registry::transforms).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two transform plugins claim type 'redact'");
    }

    @Test
    void aTypeThatIsNotBuiltInIsFoundOnTheClassPath() {
        PluginRegistry registry = PluginRegistry.load(transforms(Map.of("redact", new Redact())));

        assertThat(registry.transform("sample")).isInstanceOf(Sample.class);
        assertThat(registry.transform("no_such_transform")).isNull();
        assertThat(registry.transforms()).containsKeys("redact", "sample", "throttle", "dedupe", "remap");
    }

    @Test
    void theSameClassBuiltInAndOnTheClassPathIsOnePlugin() {
        PluginRegistry registry = PluginRegistry.load(transforms(Map.of("redact", new Redact())));

        assertThat(registry.transform("redact")).isInstanceOf(Redact.class);
        assertThat(registry.transforms().get("redact")).isSameAs(registry.transform("redact"));
    }

    @Test
    void anEmptyRegistryHasOnlyWhatIsRegistered() {
        PluginRegistry registry = new PluginRegistry().register(new Sample());

        assertThat(registry.transform("redact")).isNull();
        assertThat(registry.transforms()).containsOnlyKeys("sample");
    }
}

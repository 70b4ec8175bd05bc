package io.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A pipeline file with a 10 MB value is answered at once, with the line, instead of after minutes in
 * SnakeYAML's reader; a long value in a block scalar (short lines) is still read.
 */
class LargeScalarTest {
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aTenMegabyteScalarIsValidatedQuickly() {
        String yaml = "inputs:\n  app: {type: tcp, listen: 127.0.0.1:5170}\n"
                + "outputs:\n  console: {type: stdout}\n"
                + "note: \"" + "x".repeat(10 << 20) + "\"\n";
        ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of());
        ConfigException e = catchThrowableOfType(() -> loader.load(Path.of("big.yaml"), yaml), ConfigException.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("big.yaml:5").contains("characters long");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aLongValueInABlockScalarIsRead() throws Exception {
        String line = "y".repeat(1000) + "\n";
        String yaml = "inputs:\n  app: {type: tcp, listen: 127.0.0.1:5170}\n"
                + "outputs:\n  console: {type: stdout}\n"
                + "note: |\n" + ("  " + line).repeat(2000);
        ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of());
        ConfigException e = catchThrowableOfType(() -> loader.load(Path.of("big.yaml"), yaml), ConfigException.class);
        // read whole (2 MB): the only problem is the unknown key, at its line
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("big.yaml:5").doesNotContain("characters long");
    }
}

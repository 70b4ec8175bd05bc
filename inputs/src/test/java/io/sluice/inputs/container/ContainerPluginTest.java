package io.sluice.inputs.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionProblem;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<OptionProblem> problems(Map<String, Object> options) {
        OptionSpec spec = PluginRegistry.load().input("container").options();
        return spec.bind(JSON.valueToTree(options)).problems();
    }

    @Test
    void containerAndStdinAreRegistered() {
        PluginRegistry registry = PluginRegistry.load();
        assertThat(registry.input("container")).isInstanceOf(ContainerInputPlugin.class);
        assertThat(registry.input("stdin")).isNotNull();
        assertThat(registry.input("stdin").options().options()).extracting(o -> o.name())
                .contains("format", "max_line_bytes");
    }

    @Test
    void optionsAreCheckedWithTheirPath() {
        assertThat(problems(Map.of("paths", List.of("/var/log/containers/*.log"), "format", "cri"))).isEmpty();
        assertThat(problems(Map.of("format", "xml"))).extracting(OptionProblem::path).containsExactly("format");
        assertThat(problems(Map.of("multiline", Map.of("start_pattern", "([a-z")))).extracting(OptionProblem::path)
                .containsExactly("multiline.start_pattern");
        assertThat(problems(Map.of("read_from", "middle", "max_open_files", 0))).hasSize(2);
    }

    @Test
    void everyOptionIsDocumented() {
        for (var o : new ContainerInputPlugin().options().options()) assertThat(o.doc()).as(o.name()).isNotBlank();
    }
}

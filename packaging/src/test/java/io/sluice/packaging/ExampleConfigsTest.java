package io.sluice.packaging;

import io.sluice.config.PipelineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example pipelines in the distribution's {@code config/} directory: one per deployment shape,
 * each valid for the real loader with only its documented variables set.
 */
class ExampleConfigsTest {
    /** The secrets the examples' headers say must be set; everything else has a default. */
    static final Map<String, String> SECRETS = Map.of("ES_PASSWORD", "example-password", "ES_API_KEY", "ZXhhbXBsZTprZXk=");

    static Stream<Path> examples() throws IOException {
        return ProjectFiles.SHAPES.stream().map(ProjectFiles::examplePipeline);
    }

    @Test
    void thereIsAnExampleForEveryShape() throws IOException {
        assertThat(examples()).allSatisfy(p -> assertThat(p).isRegularFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesWithTheRealLoaderAndPlugins(Path example) throws IOException {
        PipelineConfig config = Pipelines.validate(example, Files.readString(example), SECRETS);
        assertThat(config.inputs()).isNotEmpty();
        assertThat(config.outputs()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void defaultsSuitAHostAndTheEnvironmentMovesThem(Path example) throws IOException {
        String yaml = Files.readString(example);

        PipelineConfig defaults = Pipelines.withStandIns(example, yaml, SECRETS);
        assertThat(defaults.dataDir()).isEqualTo(Path.of("/var/lib/sluice"));
        // Outside a container the admin endpoint stays on loopback.
        assertThat(defaults.adminListen().getHostString()).isEqualTo("127.0.0.1");
        assertThat(defaults.adminListen().getPort()).isEqualTo(8686);

        Map<String, String> env = new java.util.HashMap<>(SECRETS);
        env.put("SLUICE_DATA_DIR", "/srv/sluice");
        env.put("SLUICE_ADMIN_LISTEN", "0.0.0.0:9000");
        PipelineConfig moved = Pipelines.withStandIns(example, yaml, env);
        assertThat(moved.dataDir()).isEqualTo(Path.of("/srv/sluice"));
        assertThat(moved.adminListen().getHostString()).isEqualTo("0.0.0.0");
        assertThat(moved.adminListen().getPort()).isEqualTo(9000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void secretsComeFromTheEnvironmentNotTheFile(Path example) throws IOException {
        String yaml = Files.readString(example);
        for (String key : List.of("password:", "api_key:", "bearer_token:")) {
            yaml.lines().map(String::strip).filter(l -> l.startsWith(key))
                    .forEach(l -> assertThat(l).as("%s in %s", key, example).contains("${"));
        }
    }
}

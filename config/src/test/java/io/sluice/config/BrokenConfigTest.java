package io.sluice.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every file under {@code src/test/resources/broken/} is a pipeline a user could write by mistake.
 * Its {@code # expect: LINE: PATH: MESSAGE} comments list every problem {@code sluice validate}
 * must print for it, in order ({@code # expect: LINE: MESSAGE} for a problem of the whole file).
 */
class BrokenConfigTest {
    private static final Path DIR = Path.of("src/test/resources/broken");
    private static final String EXPECT = "# expect: ";

    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of("PRESENT", "yes"));

    static Stream<Path> brokenFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList()).stream();
        }
    }

    @Test
    void thereAreBrokenFilesToCheck() throws IOException {
        assertThat(brokenFiles().count()).isGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsEveryProblemWithItsLineAndPath(Path file) throws IOException {
        List<String> expected = Files.readAllLines(file).stream()
                .filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length()))
                .collect(Collectors.toList());
        assertThat(expected).as("%s declares what it expects", file).isNotEmpty();

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file));

        assertThat(e).as("%s must not load", file).isNotNull();
        String prefix = file + ":";
        List<String> printed = e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList());
        assertThat(printed).allSatisfy(p -> assertThat(p).startsWith(prefix));
        assertThat(printed).extracting(p -> p.substring(prefix.length())).containsExactlyElementsOf(expected);
        assertThat(e.getMessage()).isEqualTo(String.join("\n", printed));
    }
}

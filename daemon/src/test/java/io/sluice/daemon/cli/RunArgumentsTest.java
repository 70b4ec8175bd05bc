package io.sluice.daemon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up path that binds {@code sluice run}'s options without picocli must bind exactly what
 * picocli binds, and leave to picocli everything it does not handle the same way.
 */
class RunArgumentsTest {

    /** Every @Option field of RunCommand by name, with its value after the arguments were bound. */
    private static Map<String, Object> options(RunCommand command) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : RunCommand.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) values.put(f.getName(), f.get(command));
        }
        return values;
    }

    private static RunCommand viaPicocli(String... args) {
        return (RunCommand) CommandTree.whole().parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static void assertBindsAsPicocli(String... args) throws IllegalAccessException {
        RunCommand fast = RunArguments.parse(args);
        assertThat(fast).as("bound without picocli: %s", List.of(args)).isNotNull();
        assertThat(options(fast)).as("%s", List.of(args)).isEqualTo(options(viaPicocli(args)));
    }

    @Test
    void theUsualFormsBindAsPicocliDoes() throws Exception {
        assertBindsAsPicocli("run");
        assertBindsAsPicocli("run", "-c", "config/sidecar.yaml");
        assertBindsAsPicocli("run", "--config", "/etc/sluice/pipeline.yaml");
        assertBindsAsPicocli("run", "--config=/etc/sluice/pipeline.yaml");
        assertBindsAsPicocli("run", "--config=a=b.yaml");
        assertBindsAsPicocli("run", "-c", "dir with spaces/p.yaml", "--watch-config");
        assertBindsAsPicocli("run", "--watch-config", "-c", "p.yaml");
        assertThat(RunArguments.parse("run", "-c", "p.yaml").config).isEqualTo(Path.of("p.yaml"));
        assertThat(RunArguments.parse("run", "--watch-config").watchConfig).isTrue();
    }

    @Test
    void everyOptionOfRunByEveryNameBindsAsPicocliDoes() throws Exception {
        List<String[]> forms = new ArrayList<>();
        for (Field f : RunCommand.class.getDeclaredFields()) {
            Option option = f.getAnnotation(Option.class);
            if (option == null) continue;
            for (String name : option.names()) {
                if (f.getType() == boolean.class) {
                    forms.add(new String[] {"run", name});
                } else {
                    forms.add(new String[] {"run", name, "some/file.yaml"});
                    if (name.startsWith("--")) forms.add(new String[] {"run", name + "=some/file.yaml"});
                }
            }
        }
        assertThat(forms).hasSizeGreaterThanOrEqualTo(4);
        for (String[] args : forms) assertBindsAsPicocli(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run --help", "run -h", "run -V", "run --version", "run -cp.yaml", "run -c=p.yaml", "run -c",
            "run -c --watch-config", "run -c p.yaml -c q.yaml", "run --watch-config --watch-config",
            "run @args.txt", "run -c @args.txt", "run --watch-config=true", "run p.yaml", "run --", "run -x",
            "run --config=", "validate -c p.yaml", "help run", "--help", "runx"})
    void everythingElseIsLeftToPicocli(String line) {
        assertThat(RunArguments.parse(line.split(" "))).isNull();
    }

    @Test
    void noArgumentsAreLeftToPicocli() {
        assertThat(RunArguments.parse()).isNull();
    }
}

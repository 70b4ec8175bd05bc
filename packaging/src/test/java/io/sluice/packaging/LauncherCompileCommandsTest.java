package io.sluice.packaging;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's {@code -XX:CompileCommand}s: the JVM ignores a command whose method does not exist
 * without a word, so a rename would silently drop one; and without {@code quiet} first the JVM prints
 * every command on stdout, which belongs to the stdout sink.
 */
class LauncherCompileCommandsTest {
    private static final Pattern COMMAND = Pattern.compile("-XX:CompileCommand=([a-z]+)(?:,([\\w/$]+)\\.(\\w+))?");

    private static List<MatchResult> commands() {
        return COMMAND.matcher(ProjectFiles.read("packaging/src/dist/bin/sluice")).results().toList();
    }

    @Test
    void quietComesFirst() {
        List<MatchResult> commands = commands();
        assertThat(commands).isNotEmpty();
        assertThat(commands.get(0).group(1)).isEqualTo("quiet");
    }

    @Test
    void everyCommandNamesAMethodThatExists() throws Exception {
        List<MatchResult> withMethod = commands().stream().filter(c -> c.group(2) != null).toList();
        assertThat(withMethod).isNotEmpty();
        for (MatchResult c : withMethod) {
            Class<?> type = Class.forName(c.group(2).replace('/', '.'), false, getClass().getClassLoader());
            List<String> names = Arrays.stream(type.getDeclaredMethods()).map(Method::getName).toList();
            assertThat(names).as("methods of %s named by %s", type.getName(), c.group()).contains(c.group(3));
        }
    }
}

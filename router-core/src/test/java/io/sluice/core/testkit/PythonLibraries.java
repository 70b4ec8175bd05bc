package io.sluice.core.testkit;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code router-core/src/test/python/write_logs.py}: Python's logging libraries (loguru, structlog,
 * python-json-logger: Debian 12's packages, installed by {@code .ci/run}) write their real output into a
 * directory, a file per library and output. Skips the calling test, by an assumption, when no python3
 * with those packages is found.
 */
public final class PythonLibraries {
    private static final String IMPORTS = "import loguru, structlog, pythonjsonlogger";

    private PythonLibraries() {}

    /**
     * The first python3 that imports the libraries: the one on the PATH, else Debian's
     * {@code /usr/bin/python3} (a pyenv or virtualenv python3 first on the PATH does not see apt's packages).
     */
    public static String interpreter() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            if (TestScripts.runs(python, "-c", IMPORTS)) return python;
        }
        return null;
    }

    /** Runs the script (found from router-core's or a sibling module's directory) writing into {@code out}. */
    public static void writeLogs(Path out) throws Exception {
        String python = interpreter();
        assumeTrue(python != null, "no python3 that can `" + IMPORTS + "`: apt-get install python3-loguru "
                + "python3-structlog python3-pythonjsonlogger");
        TestScripts.run(null, python, "python/write_logs.py", out.toString());
    }
}

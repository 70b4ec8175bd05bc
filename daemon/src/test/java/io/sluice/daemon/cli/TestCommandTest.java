package io.sluice.daemon.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice test} through the real command line, on the fixture files in src/test/resources/pipelinetest. */
class TestCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sluice(String... args) {
        CommandLine cli = CommandTree.whole();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(TestCommandTest.class.getResource("/pipelinetest/" + name).toURI()).toString();
    }

    @Test
    void passingCasesExitZeroAndListEveryCase() throws Exception {
        int code = sluice("test", "-c", fixture("pipeline.yaml"), "-t", fixture("pass.test.yaml"));
        assertThat(code).as("stdout:\n%s\nstderr:\n%s", out, err).isZero();
        assertThat(out.toString())
                .contains("PASS  a warning from the api is normalized and archived (" + fixture("pass.test.yaml") + ":2)")
                .contains("PASS  syslog errors go to the error output, syslog warnings to none")
                .contains("PASS  a trace id that is not hex is refused by the normalizer")
                .contains("5 cases: 5 passed, 0 failed")
                .doesNotContain("FAIL");
    }

    @Test
    void failingCasesPrintADiffPerFieldAndExitOne() throws Exception {
        int code = sluice("test", "-c", fixture("pipeline.yaml"), "-t", fixture("fail.test.yaml"));
        String report = out.toString();
        assertThat(code).as(report).isEqualTo(1);
        assertThat(report)
                .contains("PASS  this one passes")
                .contains("FAIL  wrong level and wrong route (" + fixture("fail.test.yaml") + ":7)")
                .contains("event 1 of 1:")
                .contains("log.level: expected \"error\", actual \"info\"")
                .contains("trace.id: expected \"abc\", actual (absent)")
                .contains("outputs: expected [errors], actual [archive]")
                .contains("FAIL  a refused record was expected to pass")
                .contains("dead_letter: expected false, actual true (trace.id: 'not-hex'")
                .contains("FAIL  one record but two events expected")
                .contains("expected 2 events, got 1")
                .contains("4 cases: 1 passed, 3 failed");
        assertThat(report).doesNotContain("service.name"); // matching fields are not reported
    }

    @Test
    void transformsRunBetweenNormalizationAndRouting() throws Exception {
        int code = sluice("test", "-c", fixture("transforms.yaml"), "-t", fixture("transforms.test.yaml"));
        assertThat(code).as("stdout:\n%s\nstderr:\n%s", out, err).isZero();
        assertThat(out.toString())
                .contains("PASS  refused events are redacted before they reach the dead letters")
                .contains("PASS  a chatty service beyond its burst goes to the cold output")
                .contains("6 cases: 6 passed, 0 failed");
    }

    @Test
    void aBrokenTestFileReportsEveryProblemWithItsLineAndRunsNothing() throws Exception {
        String tests = fixture("broken.test.yaml");
        int code = sluice("test", "-c", fixture("pipeline.yaml"), "-t", tests);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains(tests + ":2: unknown input: input 'nope' is not in the config [app, sys]")
                .contains(tests + ":6: case 2: unknown key 'recrods'")
                .contains(tests + ":6: case 2: 'records' must be a non-empty list of records")
                .contains("no case was run");
        assertThat(out.toString()).doesNotContain("PASS").doesNotContain("FAIL");
    }

    @Test
    void anInvalidConfigIsReportedLikeValidateDoes() throws Exception {
        int code = sluice("test", "-c", fixture("pass.test.yaml"), "-t", fixture("pass.test.yaml"));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("nothing was started");
    }
}

package io.sluice.daemon.cli;

import io.sluice.config.ConfigException;
import io.sluice.config.LoadedConfig;
import io.sluice.daemon.plugins.ShippedPlugins;
import io.sluice.daemon.pipelinetest.CaseCheck;
import io.sluice.daemon.pipelinetest.FixtureRun;
import io.sluice.daemon.pipelinetest.TestCase;
import io.sluice.daemon.pipelinetest.TestFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Runs fixture records through the decoders, normalizer and routes of a pipeline config and "
                + "compares the events with the expected ones (only the fields given are compared). Nothing is "
                + "read from the network and nothing is written to the outputs.",
        footer = {"", "Test file:",
                "  cases:",
                "    - name: warnings from the api go to the error topic",
                "      input: app",
                "      records: ['{\"level\":\"WARNING\",\"msg\":\"disk low\",\"service\":\"api\"}']",
                "      expect:",
                "        - event: {log: {level: warn}, service: {name: api}}",
                "          outputs: [errors_topic]",
                "    - name: a trace id that is not hex is dead-lettered (normalize: {on_invalid: dead_letter})",
                "      input: app",
                "      records: ['{\"msg\":\"x\",\"trace_id\":\"not-hex\"}']",
                "      expect: [{dead_letter: true}]",
                "", "Only the fields given under event are compared; see docs/pipeline-tests.md.",
                "", "Example:", "  sluice test -c pipeline.yaml -t pipeline.test.yaml",
                "", "Exit status: 0 every case passed, 1 a case failed or a file is invalid."})
final class TestCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the pipeline YAML file")
    Path config;

    @Option(names = {"-t", "--tests"}, required = true, paramLabel = "FILE", description = "the test cases (YAML)")
    Path tests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded;
        List<TestCase> cases;
        try {
            loaded = ConfigSource.load(config, ShippedPlugins.registry());
            cases = TestFile.read(tests, loaded.config().inputs().keySet());
        } catch (ConfigException e) {
            ConfigSource.printProblems(e, err);
            return Main.CONFIG_INVALID;
        } catch (TestFile.TestFileException e) {
            e.problems().forEach(err::println);
            err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + " in the test file; no case was run");
            err.flush();
            return Main.CONFIG_INVALID;
        }
        int failed = 0;
        for (FixtureRun.Outcome o : FixtureRun.run(loaded.config(), cases)) {
            List<String> failures = CaseCheck.failures(o);
            String where = " (" + tests + ":" + o.testCase().line() + ")";
            if (failures.isEmpty()) {
                out.println("PASS  " + o.testCase().name() + where);
            } else {
                failed++;
                out.println("FAIL  " + o.testCase().name() + where);
                for (String f : failures) out.println("      " + f);
            }
        }
        out.println(cases.size() + (cases.size() == 1 ? " case: " : " cases: ") + (cases.size() - failed)
                + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? Main.OK : Main.CONFIG_INVALID;
    }
}

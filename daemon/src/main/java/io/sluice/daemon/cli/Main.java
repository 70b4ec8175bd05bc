package io.sluice.daemon.cli;

import picocli.CommandLine.Command;

/**
 * The {@code sluice} command line. No method here names a picocli type: the Java launcher resolves the
 * signatures of the main class's methods before it calls {@code main}, and picocli's CommandLine is a
 * Java 5 class file that JDK 17 cannot archive, so naming it here parsed and verified it on every start
 * (docs/performance.md, "Session 7: start-up"). {@link CommandTree} holds the picocli side.
 */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Sluice routes log event streams: inputs -> schema v1 normalizer -> routes -> sinks.",
        footer = {"", "Examples:",
                "  sluice run                        the default pipeline: TCP 127.0.0.1:5170 -> stdout",
                "  sluice run -c pipeline.yaml       a configured pipeline",
                "  sluice validate -c pipeline.yaml  check a config; prints file:line: path: message per problem",
                "  sluice test -c pipeline.yaml -t pipeline.test.yaml   run fixture records through a config"})
public final class Main {
    /** Exit codes, documented in the README. */
    public static final int OK = 0;
    public static final int CONFIG_INVALID = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;

    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    public static void main(String[] args) {
        // Netty 4.2 reports buffer allocations as JFR events when the JVM has JFR: that starts JFR's
        // machinery and generates event classes on the first request, ~0.2 s of CPU on every start
        // for events nobody records. -Dio.netty.jfr.enabled=true brings them back for a profiling run.
        if (System.getProperty(NETTY_JFR) == null) System.setProperty(NETTY_JFR, "false");
        RunCommand run = RunArguments.parse(args);
        int status = run != null ? RunArguments.execute(run) : CommandTree.forArgs(args).execute(args);
        if (ClassDataCacheFill.writing()) ClassDataCacheFill.loadAll(); // before the JVM writes the cache at exit
        System.exit(status);
    }
}

package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real syslog relay (rsyslogd or syslog-ng as a child process with a private config) forwarding
 * to several Sluice syslog inputs, one per forwarding route, so each event is known to have come
 * through exactly one template and transport.
 */
final class RelayHarness implements AutoCloseable {
    /** One forwarding route: its Sluice input and what that input collected. */
    record Route(String name, SyslogInput input, CollectingInputContext context) {
        int tcpPort() { return input.tcpAddress().getPort(); }
        int udpPort() { return input.udpAddress().getPort(); }

        /** The first event whose message contains {@code text}, or null. */
        LogEvent find(String text) {
            return context.events().stream().filter(e -> e.message() != null && e.message().contains(text))
                    .findFirst().orElse(null);
        }
    }

    private final Path dir;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private Process relay;
    private Path relayOutput;

    RelayHarness(Path dir) {
        this.dir = dir;
    }

    /** Starts a Sluice syslog input on loopback, both transports, with extra options (JSON members, may be empty). */
    Route route(String name, String extraOptions) throws Exception {
        SyslogInput input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"tcp\",\"udp\"]"
                + (extraOptions.isEmpty() ? "" : "," + extraOptions) + "}");
        CollectingInputContext ctx = new CollectingInputContext("sys", dir.resolve("data-" + routes.size()));
        input.start(ctx);
        Route r = new Route(name, input, ctx);
        routes.put(name, r);
        return r;
    }

    List<Route> routes() {
        return new ArrayList<>(routes.values());
    }

    /** Starts the relay; its standard output and error go to a file shown when it dies. */
    void startRelay(List<String> command, Map<String, String> environment) throws IOException {
        relayOutput = dir.resolve("relay.out");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(relayOutput.toFile());
        pb.environment().putAll(environment);
        relay = pb.start();
    }

    /**
     * Sends the messages through the relay until every route has received every text: relays need a
     * moment to open their ports and connections, and UDP may drop the first tries.
     */
    void sendUntilEveryRouteHas(List<String> texts, SendAll send) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(700)).until(() -> {
            assertThat(relay.isAlive()).as("the relay runs; its output: %s", relayOutput()).isTrue();
            send.run();
            return routes.values().stream().allMatch(r -> texts.stream().allMatch(t -> r.find(t) != null));
        });
    }

    /** Sends every test message once. */
    interface SendAll {
        void run() throws Exception;
    }

    String relayOutput() {
        try {
            return Files.readString(relayOutput);
        } catch (IOException e) {
            return "(none)";
        }
    }

    /** Runs {@code logger} (util-linux) with these arguments. */
    void logger(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("logger"));
        command.addAll(args);
        SyslogInputs.run(dir, null, command);
    }


    /** The host name {@code logger} writes into its messages (gethostname, up to the first dot). */
    static String loggerHostname() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public void close() throws InterruptedException {
        if (relay != null) {
            relay.destroy();
            if (!relay.waitFor(10, TimeUnit.SECONDS)) relay.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Route r : routes.values()) {
            r.input.stop();
            r.input.awaitStop(Duration.ofSeconds(10));
            r.input.close();
        }
    }
}

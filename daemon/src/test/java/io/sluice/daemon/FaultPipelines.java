package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the kill -9 and receiver-down tests share ({@link FaultInjectionTest}, {@link CrashRecoveryTest}):
 * the pipelines they run in a real daemon, and which numbered events ({@code line N ...} or
 * {@code event N}) reached the far end, so "every event at least once" and "how many twice" are
 * counted the same way everywhere.
 */
final class FaultPipelines {
    /** A whole number: followed by the space or quote after it, so a line still being written does not count. */
    private static final Pattern NUMBER = Pattern.compile("\"message\":\"(?:line|event) (\\d+)[ \"]");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FaultPipelines() {}

    /**
     * Writes {@code dir/pipeline.yaml}: the files {@code logs/*.log} tailed from the beginning into the
     * file sink {@code out} (rotation off: the counts read {@code out} only) through {@code buffer}, a
     * YAML flow mapping; in-flight bytes 2 MiB so that a kill finds events at every stage.
     */
    static Path tailIntoFileSink(Path dir, Path logs, Path out, String buffer) throws IOException {
        return write(dir, """
                data_dir: %s
                admin: {enabled: false}
                pipeline: {in_flight_bytes: 2MiB}
                inputs:
                  app: {type: container, paths: ["%s/*.log"], format: text, read_from: beginning}
                outputs:
                  archive: {type: file, path: "%s", rotate: {max_bytes: 0}, buffer: %s}
                """.formatted(dir.resolve("data"), logs, out, buffer));
    }

    /** A pipeline from a TCP port to an HTTP receiver's port, with its admin port for metrics. */
    record TcpIntoHttp(Path config, int port, int receiverPort, int adminPort) {
        /** The value of the first series of {@code name} whose labels include every {@code k="v"} given; -1 when none. */
        double metric(String name, String... labels) throws Exception {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : text.split("\n")) {
                if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
                if (Arrays.stream(labels).allMatch(line::contains)) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return -1;
        }
    }

    /**
     * Writes {@code dir/pipeline.yaml}: a JSON-lines TCP input on a free port into an {@code http}
     * output posting to {@code http://127.0.0.1:receiverPort/ingest} (fast retries) through a disk
     * buffer of {@code bufferBytes}, admin on a free port; {@code outputOptions} are further keys of
     * the output (YAML lines, as at the top level).
     */
    static TcpIntoHttp tcpIntoHttpReceiver(Path dir, String bufferBytes, String outputOptions) throws Exception {
        int[] ports = FreePorts.distinct(3);
        int port = ports[0];
        int receiverPort = ports[1];
        int adminPort = ports[2];
        Path config = write(dir, """
                data_dir: %s
                admin: {listen: "127.0.0.1:%d"}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d", format: json}
                outputs:
                  receiver:
                    type: http
                    uri: "http://127.0.0.1:%d/ingest"
                    retry: {initial_backoff: 100ms, max_backoff: 1s}
                    buffer: {type: disk, max_bytes: %s}
                %s""".formatted(dir.resolve("data"), adminPort, port, receiverPort, bufferBytes,
                outputOptions.indent(4)));
        return new TcpIntoHttp(config, port, receiverPort, adminPort);
    }

    private static Path write(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("pipeline.yaml"), yaml);
    }

    /** The event numbers found in {@code lines}. */
    static BitSet numbers(Stream<String> lines) {
        BitSet seen = new BitSet();
        lines.forEach(l -> {
            Matcher m = NUMBER.matcher(l);
            if (m.find()) seen.set(Integer.parseInt(m.group(1)));
        });
        return seen;
    }

    /** The event numbers in the file {@code out}; none while it does not exist yet. */
    static BitSet numbers(Path out) throws IOException {
        if (!Files.exists(out)) return new BitSet();
        try (Stream<String> s = Files.lines(out)) {
            return numbers(s);
        }
    }

    /** Lines in {@code out} (0 while it does not exist yet): every delivery, repeats included. */
    static long lineCount(Path out) throws IOException {
        if (!Files.exists(out)) return 0;
        try (Stream<String> s = Files.lines(out)) {
            return s.count();
        }
    }
}

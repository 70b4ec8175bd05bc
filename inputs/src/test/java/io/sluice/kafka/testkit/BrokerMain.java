package io.sluice.kafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the child JVM {@link KafkaBroker} starts: formats the log dir on first start,
 * then runs the real broker ({@code kafka.Kafka}). Arguments: the server.properties path, the
 * cluster id and the log dir.
 */
public final class BrokerMain {
    private BrokerMain() {}

    public static void main(String[] args) throws Exception {
        String properties = args[0];
        String clusterId = args[1];
        Path logDir = Path.of(args[2]);
        exitWithParent();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", properties}, System.out);
            if (rc != 0) {
                System.err.println("kafka storage format failed with exit code " + rc);
                System.exit(rc);
            }
        }
        kafka.Kafka.main(new String[] {properties});
    }

    /**
     * The test JVM holds our stdin open; when it dies, even by SIGKILL, stdin ends and we exit (running
     * Kafka's shutdown hook), so a crashed test run leaves no broker behind.
     */
    private static void exitWithParent() {
        Thread t = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is ever written; we only wait for the end of the stream
                }
            } catch (IOException ignored) {
                // same as end of stream
            }
            System.exit(0);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}

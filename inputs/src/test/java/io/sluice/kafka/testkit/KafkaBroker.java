package io.sluice.kafka.testkit;

import io.sluice.core.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) in a child JVM, on free
 * loopback ports with a temp log dir. It can be stopped and started again on
 * the same ports and log dir, so tests can take the broker away and bring it back with its data.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Heap of the broker JVM: enough for the suite's topics, small enough for a 2-core CI machine. */
    static final String HEAP = "-Xmx256m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path logDir;
    private final Path properties;
    private final Path output;
    private final int port;
    private final int saslPort;
    private final String clusterId;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort, int saslPort) throws IOException {
        this.dir = dir;
        this.logDir = dir.resolve("data");
        this.properties = dir.resolve("server.properties");
        this.output = dir.resolve("broker.out");
        this.port = port;
        this.saslPort = saslPort;
        this.clusterId = clusterId();
        Files.writeString(properties, serverProperties(port, controllerPort, saslPort, logDir), StandardCharsets.UTF_8);
    }

    /** Creates and starts a broker; returns once it answers metadata requests. */
    public static KafkaBroker start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sluice-kafka-");
        // three different ports that no connection of the starting broker (to its own controller) can take first
        int[] ports = FreePorts.distinct(3);
        KafkaBroker broker = new KafkaBroker(dir, ports[0], ports[1], ports[2]);
        broker.startProcess();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * A second listener with SASL/PLAIN where user {@value #DENIED_USER} (password {@value #DENIED_PASSWORD})
     * logs in but has no ACLs, for testing what clients do when the broker denies them. The plain
     * listener's (anonymous) principal is a super user, so other tests are not affected.
     */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + saslPort;
    }

    public static final String DENIED_USER = "denied";
    public static final String DENIED_PASSWORD = "denied-secret";

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker (SIGTERM, Kafka's clean shutdown); its ports and data stay reserved for {@link #restart}. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        process = null;
    }

    /** Starts the broker again on the same ports and log dir. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (isRunning()) return;
        startProcess();
    }

    /** Creates a topic (no-op when it exists) and waits until it is usable. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException(e.getCause());
            }
            awaitTopic(admin, name);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** A new topic's metadata reaches the broker's cache a moment after creation: ask until it answers. */
    private static void awaitTopic(Admin admin, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(100);
            }
        }
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** The sum of a consumer group's committed offsets over all its partitions (0 when none). */
    public long committedOffsets(String group) {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().filter(java.util.Objects::nonNull).mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of group " + group, e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    @Override
    public synchronized void close() throws InterruptedException {
        stop();
        deleteRecursively(dir);
    }

    private void startProcess() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", testClassPath(), BrokerMain.class.getName(),
                properties.toString(), clusterId, logDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        process = pb.start();
        awaitReady();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n" + tail());
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) return;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the Kafka broker did not answer within " + START_TIMEOUT + " (" + last + "):\n" + tail());
    }

    /** The broker's last output lines, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no broker output: " + e + ")";
        }
    }

    /** Surefire hands the real class path to the forked JVM in this property; plain runs use java.class.path. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static String serverProperties(int port, int controllerPort, int saslPort, Path logDir) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
                + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + DENIED_USER + "=\"" + DENIED_PASSWORD + "\";");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:ANONYMOUS");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Few threads: the CI machine has two cores shared with other builds.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("background.threads", "2");
        StringBuilder sb = new StringBuilder();
        p.stringPropertyNames().stream().sorted()
                .forEach(k -> sb.append(k).append('=').append(p.getProperty(k)).append('\n'));
        return sb.toString();
    }

    /**
     * A Kafka cluster id from Kafka's own generator, which never starts one with '-': the storage tool's
     * argument parser would read such an id as an option (one plain base64url id in 64 did, and failed CI).
     */
    private static String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }


    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

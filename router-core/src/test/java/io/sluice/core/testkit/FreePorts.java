package io.sluice.core.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port numbers for something that must be told its port before it binds (a child process such as
 * Kafka, Elasticsearch or Prometheus, a daemon's config, or an address where nothing listens).
 * Where the code under test can bind port 0 and report the port, prefer that.
 *
 * <p>The classic "bind port 0, close, hand the number on" is racy twice over: the kernel hands the
 * same ephemeral port to anyone's next bind(0) or outgoing connection (a broker's own connection to
 * its controller, the test's HTTP clients) while the child JVM is still starting, and two calls in a
 * row can return the same number. So the ports are drawn below the kernel's ephemeral range (which
 * no bind(0) or connect() takes from), checked free for TCP and UDP on every address, and all
 * sockets of one call are held until the last is found, so the numbers of one call are distinct.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int TRIES = 500;

    private FreePorts() {
    }

    /** One port, free for TCP and UDP now and outside the ephemeral range. */
    public static int one() {
        return distinct(1)[0];
    }

    /** {@code count} different ports, each free for TCP and UDP now and outside the ephemeral range. */
    public static int[] distinct(int count) {
        int below = ephemeralRangeStart();
        if (below - LOWEST < 1000) throw new IllegalStateException("the ephemeral port range starts at " + below
                + ": too low to take test ports below it");
        List<AutoCloseable> held = new ArrayList<>();
        int[] ports = new int[count];
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int found = 0;
            for (int tries = 0; found < count && tries < TRIES; tries++) {
                int port = random.nextInt(LOWEST, below);
                ServerSocket tcp = unboundServerSocket();
                try {
                    tcp.setReuseAddress(false);
                    tcp.bind(new InetSocketAddress(port), 1); // the wildcard address: free on every address
                    held.add(new DatagramSocket(port));
                    held.add(tcp);
                    ports[found++] = port;
                } catch (IOException inUse) {
                    // in use by someone (or held by this call already): draw again
                    closeQuietly(tcp);
                }
            }
            if (found < count) throw new IllegalStateException("found only " + found + " of " + count
                    + " free ports in " + LOWEST + "-" + below + " after " + TRIES + " tries");
            return ports;
        } finally {
            for (AutoCloseable s : held) closeQuietly(s);
        }
    }

    private static ServerSocket unboundServerSocket() {
        try {
            return new ServerSocket();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lowest port the kernel hands out for bind(0) and connect(); 32768 by default on Linux. */
    private static int ephemeralRangeStart() {
        try {
            // as lines: Files.readString returned only "3" of this /proc file here (it reports size 0)
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32768;
        }
    }

    private static void closeQuietly(AutoCloseable s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // closing a socket we only held to reserve a number
        }
    }
}

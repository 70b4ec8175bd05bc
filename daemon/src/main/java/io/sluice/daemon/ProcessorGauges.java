package io.sluice.daemon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU meters of Micrometer's {@code ProcessorMetrics}, same names and units ({@code system.cpu.count},
 * {@code system.load.average.1m}, {@code system.cpu.usage}, {@code process.cpu.usage},
 * {@code process.cpu.time}), read from the JDK's {@code com.sun.management} bean directly.
 *
 * <p>Why not Micrometer's: its constructor probes for IBM's {@code OperatingSystemMXBean} with
 * {@code Class.forName} first, a name no jar has, so the class loader opens every jar of the class
 * path to look for it and keeps all 120 open for the life of the process: their central directories
 * on the heap (~6 MiB live, which the heap then sizes itself around) and an inflater each outside it,
 * 10-14 MiB of peak RSS (docs/performance.md, "Session 8: sink memory"). A JVM without the
 * {@code com.sun.management} bean (none that runs Sluice today) gets the count and load average only.
 */
final class ProcessorGauges implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Gauge.builder("system.cpu.count", Runtime.getRuntime(), Runtime::availableProcessors)
                .description("The number of processors available to the Java virtual machine").register(registry);
        if (os.getSystemLoadAverage() >= 0) {
            Gauge.builder("system.load.average.1m", os, OperatingSystemMXBean::getSystemLoadAverage)
                    .description("The sum of the number of runnable entities queued to available processors and the number "
                            + "of runnable entities running on the available processors averaged over a period of time")
                    .register(registry);
        }
        if (!(os instanceof com.sun.management.OperatingSystemMXBean bean)) return;
        Gauge.builder("system.cpu.usage", bean, b -> nonNegative(b.getCpuLoad()))
                .description("The \"recent cpu usage\" of the system the application is running in").register(registry);
        Gauge.builder("process.cpu.usage", bean, b -> nonNegative(b.getProcessCpuLoad()))
                .description("The \"recent cpu usage\" for the Java Virtual Machine process").register(registry);
        FunctionCounter.builder("process.cpu.time", bean, b -> nonNegative(b.getProcessCpuTime()))
                .baseUnit("ns").description("The \"cpu time\" used by the Java Virtual Machine process").register(registry);
    }

    /** The bean answers a negative number when the value is not available; Micrometer shows that as NaN. */
    private static double nonNegative(double value) {
        return value >= 0 ? value : Double.NaN;
    }
}

package io.sluice.daemon;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorGaugesTest {
    /** Dashboards and alerts written against Micrometer's meters keep working: same names, types, units and help. */
    @Test
    void registersWhatMicrometersProcessorMetricsRegisters() {
        MeterRegistry ours = new SimpleMeterRegistry();
        new ProcessorGauges().bindTo(ours);
        MeterRegistry micrometers = new SimpleMeterRegistry();
        new ProcessorMetrics().bindTo(micrometers);

        assertThat(ids(ours)).isNotEmpty().containsExactlyInAnyOrderElementsOf(ids(micrometers));
    }

    @Test
    void readsTheProcessorsAndTheProcessCpuTime() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ProcessorGauges().bindTo(registry);

        assertThat(registry.get("system.cpu.count").gauge().value()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(registry.get("process.cpu.time").functionCounter().count()).isPositive();
        assertThat(registry.get("process.cpu.usage").gauge().value()).isBetween(0.0, 1.0);
    }

    private static List<String> ids(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId)
                .map(id -> id.getName() + " " + id.getType() + " " + id.getBaseUnit() + " " + id.getDescription() + " " + id.getTags())
                .toList();
    }
}

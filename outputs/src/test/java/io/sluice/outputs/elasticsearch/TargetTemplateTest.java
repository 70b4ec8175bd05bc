package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.TestBatches;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetTemplateTest {

    private static LogEvent at(String service, long nanos) {
        return TestBatches.event(service, "m", 1).timestampNanos(nanos);
    }

    @Test
    void rendersFieldsAndTheEventsUtcDate() throws Exception {
        TargetTemplate t = TargetTemplate.parse("Logs-{service.name}-%Y.%m.%d-%H");
        var r = t.renderer();
        assertThat(r.render(at("api", 1_700_000_000_000_000_000L))).isEqualTo("logs-api-2023.11.14-22");
        assertThat(r.render(at("api", 1_700_003_600_000_000_000L))).isEqualTo("logs-api-2023.11.14-23");
        assertThat(r.render(at("web", 1_700_003_600_000_000_000L))).isEqualTo("logs-web-2023.11.14-23");
        assertThat(r.render(at("web", -1_000_000_000L))).isEqualTo("logs-web-1969.12.31-23");
    }

    @Test
    void fieldValuesAreMadeValidNames() throws Exception {
        var r = TargetTemplate.parse("logs-{service.name}-default").renderer();
        assertThat(r.render(at("My App/v2: *beta*", 0))).isEqualTo("logs-my_app_v2___beta_-default");
        assertThat(r.render(at("", 0))).isEqualTo("logs-unknown-default");
    }

    @Test
    void theIndexPatternCoversEveryName() throws Exception {
        assertThat(TargetTemplate.parse("logs-{service.name}-default").indexPattern()).isEqualTo("logs-*-default");
        assertThat(TargetTemplate.parse("logs-{service.name}-%Y.%m.%d").indexPattern()).isEqualTo("logs-*-*.*.*");
        assertThat(TargetTemplate.parse("{service.name}{host.name}").indexPattern()).isEqualTo("*");
    }
}

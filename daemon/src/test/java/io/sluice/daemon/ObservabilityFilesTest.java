package io.sluice.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.daemon.cli.CommandTree;
import io.sluice.daemon.cli.Main;
import io.sluice.daemon.observability.Panel;
import io.sluice.daemon.observability.PromQuery;
import io.sluice.daemon.observability.SluiceObservability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and alert rules shipped in the distribution ({@code packaging/observability/}) are
 * what {@code sluice dashboards} writes, and Prometheus's own checker accepts every alert and every
 * panel expression.
 */
class ObservabilityFilesTest {
    private static final Path SHIPPED = Path.of("..", "packaging", "observability");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theShippedFilesAreWhatSluiceDashboardsWrites() throws Exception {
        assertThat(CommandTree.whole().execute("dashboards", "--out", dir.toString())).isZero();
        for (Map.Entry<String, String> f : SluiceObservability.files().entrySet()) {
            assertThat(Files.readString(dir.resolve(f.getKey()))).isEqualTo(f.getValue());
            assertThat(Files.readString(SHIPPED.resolve(f.getKey())))
                    .as("%s is stale: regenerate with sluice dashboards --out packaging/observability", f.getKey())
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Promtool.Result r = Promtool.checkRules(SHIPPED.resolve(SluiceObservability.RULES_FILE));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: " + SluiceObservability.alerts().size() + " rules found");
    }

    /** promtool parses a recording rule's expression like an alert's: every panel query becomes one. */
    @Test
    void everyPanelQueryParsesAsPromql() throws Exception {
        List<String> exprs = panelQueries("1m");
        StringBuilder rules = new StringBuilder("groups:\n- name: panels\n  rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            rules.append("  - record: panel:query_").append(i).append('\n')
                    .append("    expr: ").append(JSON.writeValueAsString(exprs.get(i))).append('\n');
        }
        Path file = dir.resolve("panels.yaml");
        Files.writeString(file, rules);
        Promtool.Result r = Promtool.checkRules(file);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS: " + exprs.size() + " rules found");
    }

    @Test
    void theDashboardJsonHasEveryPanelWithItsQueries() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(SHIPPED.resolve(SluiceObservability.DASHBOARD_FILE)));
        List<String> shipped = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            for (JsonNode t : p.path("targets")) shipped.add(t.path("expr").asText());
        }
        assertThat(shipped).containsExactlyElementsOf(SluiceObservability.dashboard().rows().stream()
                .flatMap(r -> r.panels().stream()).flatMap(p -> p.queries().stream()).map(PromQuery::expr).toList());
        assertThat(dashboard.path("panels")).extracting(p -> p.path("title").asText())
                .contains("Events in per input", "Dropped events by reason", "Circuit state per output",
                        "Buffer fill per output", "Checkpoint lag (file inputs)", "Consumer lag (Kafka inputs)",
                        "End-to-end latency p50 / p99 per output", "Health per component", "Heap used and max");
    }

    /** Every panel's queries as plain PromQL, with {@code window} for Grafana's rate window. */
    static List<String> panelQueries(String window) {
        List<String> out = new ArrayList<>();
        for (var row : SluiceObservability.dashboard().rows()) {
            for (Panel p : row.panels()) for (PromQuery q : p.queries()) out.add(q.promql(window));
        }
        return out;
    }
}

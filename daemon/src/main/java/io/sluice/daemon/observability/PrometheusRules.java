package io.sluice.daemon.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.List;

/** Renders {@link AlertRule}s as a Prometheus rule file (one group), as {@code promtool check rules} reads it. */
public final class PrometheusRules {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)); // one line per expression: readable in review

    private PrometheusRules() {}

    public static String yaml(String group, List<AlertRule> rules) {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode g = root.putArray("groups").addObject();
        g.put("name", group);
        ArrayNode list = g.putArray("rules");
        for (AlertRule r : rules) {
            ObjectNode n = list.addObject();
            n.put("alert", r.name()).put("expr", r.expr()).put("for", r.pendingFor().toMinutes() + "m");
            n.putObject("labels").put("severity", r.severity());
            n.putObject("annotations").put("summary", r.summary()).put("description", r.description());
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

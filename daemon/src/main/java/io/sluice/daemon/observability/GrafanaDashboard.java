package io.sluice.daemon.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A Grafana dashboard of rows of {@link Panel}s, two panels abreast, rendered as the JSON Grafana
 * imports (and its dashboard sidecar loads from a ConfigMap). The Prometheus data source is a
 * dashboard variable, so the same file works in any Grafana.
 */
public final class GrafanaDashboard {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String DATASOURCE = "${datasource}";
    private static final int WIDTH = 12;
    private static final int HEIGHT = 8;

    /** A row's title and its panels. */
    public record Row(String title, List<Panel> panels) {}

    private final String title;
    private final String uid;
    private final List<Row> rows = new ArrayList<>();

    public GrafanaDashboard(String title, String uid) {
        this.title = title;
        this.uid = uid;
    }

    public GrafanaDashboard row(String title, Panel... panels) {
        rows.add(new Row(title, List.of(panels)));
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title).put("uid", uid).put("schemaVersion", 39).put("version", 1)
                .put("editable", true).put("refresh", "30s");
        root.putArray("tags").add("sluice");
        root.putObject("time").put("from", "now-1h").put("to", "now");
        ObjectNode ds = root.putObject("templating").putArray("list").addObject();
        ds.put("name", "datasource").put("label", "Prometheus").put("type", "datasource").put("query", "prometheus");
        ArrayNode panels = root.putArray("panels");
        int id = 1;
        int y = 0;
        for (Row row : rows) {
            ObjectNode r = panels.addObject();
            r.put("id", id++).put("type", "row").put("title", row.title()).put("collapsed", false);
            grid(r, 0, y++, 24, 1);
            for (int i = 0; i < row.panels().size(); i++) {
                Panel p = row.panels().get(i);
                ObjectNode n = panels.addObject();
                n.put("id", id++).put("type", "timeseries").put("title", p.title()).put("description", p.description());
                datasource(n);
                grid(n, (i % 2) * WIDTH, y + (i / 2) * HEIGHT, WIDTH, HEIGHT);
                n.putObject("fieldConfig").putObject("defaults").put("unit", p.unit());
                ArrayNode targets = n.putArray("targets");
                char ref = 'A';
                for (PromQuery q : p.queries()) {
                    ObjectNode t = targets.addObject();
                    datasource(t);
                    t.put("refId", String.valueOf(ref++)).put("expr", q.expr()).put("legendFormat", q.legend());
                }
            }
            y += (row.panels().size() + 1) / 2 * HEIGHT;
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void datasource(ObjectNode n) {
        n.putObject("datasource").put("type", "prometheus").put("uid", DATASOURCE);
    }

    private static void grid(ObjectNode n, int x, int y, int w, int h) {
        n.putObject("gridPos").put("x", x).put("y", y).put("w", w).put("h", h);
    }
}

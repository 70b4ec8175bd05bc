package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.schema.EcsTypes;
import io.sluice.api.schema.SchemaV1Fields;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index template maps every ECS field as ECS 8.17 does (shared/ecs/ecs_flat_8.17.yml): the same
 * type and the same multi-fields. The one deliberate difference: times are {@code date_nanos} where
 * ECS says {@code date}, since Sluice keeps nanoseconds (docs/schema.md).
 */
class IndexTemplateEcsTest {
    @Test
    void everyEcsFieldIsMappedAsEcsMapsIt() throws Exception {
        JsonNode body = new ObjectMapper().readTree(new IndexTemplate(TargetTemplate.parse("logs-x"), false).body());
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        walk("", body.at("/template/mappings/properties"), problems, checked);
        assertThat(problems).isEmpty();
        assertThat(checked).contains("error.stack_trace", "log.syslog.version", "log.logger", "process.pid",
                "process.thread.name", "log.origin.file.line", "client.ip", "url.original", "user_agent.original");
    }

    /**
     * Every field the encoder can write (schema-v1.json, which its output is validated against) has an
     * explicit mapping, so Elasticsearch never guesses a type from the first document, and the type is
     * ECS's where ECS defines the field. Free-key objects (labels, annotations) are {@code flattened} or
     * ECS's {@code object}, so a key can never turn into a field whose type conflicts with another.
     */
    @Test
    void everyFieldTheEncoderCanWriteIsMappedWithEcsType() throws Exception {
        JsonNode properties = new ObjectMapper().readTree(new IndexTemplate(TargetTemplate.parse("logs-x"), false).body())
                .at("/template/mappings/properties");
        List<String> problems = new ArrayList<>();
        for (String field : SchemaV1Fields.contract()) {
            JsonNode mapping = MappingPaths.find(properties, field);
            if (mapping == null) {
                problems.add(field + " has no mapping");
                continue;
            }
            String type = MappingPaths.type(mapping);
            String ecsType = EcsTypes.type(field);
            if (ecsType == null && !EcsTypes.isSluiceOwn(field)) problems.add(field + " is neither ECS nor Sluice's own");
            boolean same = ecsType == null || type.equals(ecsType) || (ecsType.equals("date") && type.equals("date_nanos"));
            if (!same) problems.add(field + " is mapped as " + type + ", ECS says " + ecsType);
        }
        assertThat(problems).isEmpty();
        for (String labels : List.of("kubernetes.labels", "kubernetes.annotations", "kubernetes.namespace_labels")) {
            assertThat(MappingPaths.type(MappingPaths.find(properties, labels))).as(labels).isEqualTo("flattened");
        }
    }

    private static void walk(String prefix, JsonNode properties, List<String> problems, List<String> checked) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode mapping = e.getValue();
            if (mapping.has("properties")) {
                walk(name + ".", mapping.get("properties"), problems, checked);
                continue;
            }
            String ecsType = EcsTypes.type(name);
            if (EcsTypes.isSluiceOwn(name)) {
                if (ecsType != null) problems.add(name + " is named Sluice's own but ECS defines it");
                continue;
            }
            if (ecsType == null) {
                problems.add(name + " is mapped but is neither ECS nor named as Sluice's own");
                continue;
            }
            checked.add(name);
            String type = mapping.path("type").asText();
            boolean same = type.equals(ecsType) || (ecsType.equals("date") && type.equals("date_nanos"));
            if (!same) problems.add(name + " is mapped as " + type + ", ECS says " + ecsType);
            for (JsonNode multi : EcsTypes.flat().get(name).path("multi_fields")) {
                String sub = multi.path("name").asText();
                String subType = mapping.path("fields").path(sub).path("type").asText("<missing>");
                if (!subType.equals(multi.path("type").asText())) {
                    problems.add(name + "." + sub + " is " + subType + ", ECS says " + multi.path("type").asText());
                }
            }
        }
    }
}

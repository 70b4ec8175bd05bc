package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.schema.EcsTypes;
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

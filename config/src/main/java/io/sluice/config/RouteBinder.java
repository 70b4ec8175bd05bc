package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.core.pipeline.Condition;
import io.sluice.core.pipeline.Route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds {@code routes:} and checks them against the declared inputs and outputs. An input or output
 * no route uses is legal (e.g. while editing a pipeline) but almost always a mistake: a warning.
 */
final class RouteBinder {
    private final Problems problems;
    private final ConditionParser conditions;

    RouteBinder(Problems problems) {
        this.problems = problems;
        this.conditions = new ConditionParser(problems);
    }

    /**
     * @param inputIds  every id under {@code inputs:}, bound or not, so a broken input does not
     *                  also make each route that names it fail
     * @param outputIds likewise for {@code outputs:}
     */
    List<Route> bind(JsonNode section, Set<String> inputIds, Set<String> outputIds) {
        List<Route> routes = new ArrayList<>();
        if (section == null || section.isNull()) return routes;
        if (!section.isArray()) {
            problems.error("routes", "expected a list of routes, each {name, from, when, to}, found " + Words.kind(section));
            return routes;
        }
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < section.size(); i++) {
            String path = KeyPaths.index("routes", i);
            OptionSpec.Binding b = PipelineSpec.ROUTE.bind(section.get(i));
            problems.options(path, b.problems());
            JsonNode when = section.get(i).get("when");
            Condition condition = when == null || when.isNull() ? Condition.ALWAYS
                    : conditions.parse(when, KeyPaths.child(path, "when"));
            if (!b.ok()) continue;
            Options o = b.options();
            String name = o.isSet(PipelineSpec.ROUTE_NAME) ? o.get(PipelineSpec.ROUTE_NAME) : path;
            String earlier = names.putIfAbsent(name, path);
            if (earlier != null) {
                problems.error(KeyPaths.child(path, "name"), "route name '" + name + "' is already used by " + earlier);
            }
            List<String> from = o.get(PipelineSpec.ROUTE_FROM);
            List<String> to = o.get(PipelineSpec.ROUTE_TO);
            boolean known = checkIds(from, section.get(i).get("from"), KeyPaths.child(path, "from"), inputIds, "input");
            known &= checkIds(to, section.get(i).get("to"), KeyPaths.child(path, "to"), outputIds, "output");
            if (known && condition != null) {
                routes.add(new Route(name, new LinkedHashSet<>(from), condition, to));
            }
        }
        if (!routes.isEmpty()) warnUnused(routes, inputIds, outputIds);
        return routes;
    }

    private boolean checkIds(List<String> ids, JsonNode node, String path, Set<String> declared, String what) {
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = node != null && node.isArray() ? KeyPaths.index(path, i) : path;
            if (!declared.contains(id)) {
                problems.error(at, "no " + what + " '" + id + "'" + Words.didYouMean(id, declared) + "; "
                        + what + "s: " + String.join(", ", new java.util.TreeSet<>(declared)));
                ok = false;
            } else if (!seen.add(id)) {
                problems.error(at, what + " '" + id + "' is named twice");
                ok = false;
            }
        }
        return ok;
    }

    private void warnUnused(List<Route> routes, Set<String> inputIds, Set<String> outputIds) {
        Set<String> usedInputs = new HashSet<>();
        Set<String> usedOutputs = new HashSet<>();
        boolean allInputs = false;
        for (Route r : routes) {
            allInputs |= r.from().isEmpty();
            usedInputs.addAll(r.from());
            usedOutputs.addAll(r.to());
        }
        if (!allInputs) {
            for (String id : inputIds) {
                if (!usedInputs.contains(id)) {
                    problems.warn(KeyPaths.child("inputs", id), "input '" + id + "' is in no route's from: its events go nowhere");
                }
            }
        }
        for (String id : outputIds) {
            if (!usedOutputs.contains(id)) {
                problems.warn(KeyPaths.child("outputs", id), "output '" + id + "' is in no route's to: it receives nothing");
            }
        }
    }
}

package io.sluice.core.transform;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.option.Option;
import io.sluice.api.option.Types;

import java.util.List;

/** Options several transforms take, declared once. */
final class TransformOptions {
    private TransformOptions() {}

    static Option<List<String>> fields(String name, List<String> defaults, String doc) {
        return Option.of(name, Types.STRING_LIST).defaultValue(defaults)
                .check(l -> l.stream().allMatch(FieldPaths::isKnown),
                        "every entry must be a schema v1 field such as service.name, log.level, labels.<key> or attributes.<key>")
                .doc(doc).build();
    }

    static final Option<Integer> MAX_KEYS = Option.of("max_keys", Types.INT).defaultValue(10_000)
            .check(n -> n >= 1 && n <= 10_000_000, "must be 1 to 10000000")
            .doc("the most keys whose state is kept; beyond it the least recently seen key is forgotten (bounds memory)")
            .build();

    /** Stripes of per-key state: enough that workers rarely meet on a lock. */
    static final int STRIPES = 64;
}

package io.sluice.api.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An input's {@code aliases:}: more JSON keys that fill a schema field, for services that name
 * their fields their own way ({@code message: [body, msg]}, {@code log.level: [sev]}). Built once
 * into a copy of the decoder's top-level key table, so an aliased key costs the same one hash probe
 * as a built-in one. An alias replaces what the built-in table did with that key.
 */
public final class FieldAliases {
    public static final FieldAliases NONE = new FieldAliases(KeyTable.ROOT);

    private final Map<String, KeyTable.Node> root;
    private final Map<String, KeyTable.Node> loguru;

    private FieldAliases(Map<String, KeyTable.Node> root) {
        this.root = root;
        this.loguru = KeyTable.withLoguru(root);
    }

    /** @param aliases schema field → the keys that also fill it */
    public static FieldAliases of(Map<SchemaField, List<String>> aliases) {
        if (aliases.isEmpty()) return NONE;
        Map<String, KeyTable.Node> root = new HashMap<>(KeyTable.ROOT);
        aliases.forEach((field, keys) -> {
            KeyTable.Node target = KeyTable.ROOT.get(field.path());
            if (target == null || target.slot == null) throw new IllegalStateException("no key table entry for " + field.path());
            for (String key : keys) root.put(key, new KeyTable.Node(target.slot));
        });
        return new FieldAliases(root);
    }

    Map<String, KeyTable.Node> table() {
        return root;
    }

    /** {@link #table()} with the keys of loguru's {@code serialize=True} records. */
    Map<String, KeyTable.Node> loguruTable() {
        return loguru;
    }
}

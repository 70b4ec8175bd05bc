package io.sluice.api.schema;

import io.sluice.api.event.Attributes;
import io.sluice.api.event.LogEvent;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The fields of the event model ({@link LogEvent} and the groups it holds, e.g. {@code HttpFields},
 * {@code KubernetesMetadata}), found by reflection so that a field added later is counted without
 * anyone remembering to list it. Named {@code Class.field}.
 */
final class ModelFields {
    private static final String MODEL_PACKAGE = LogEvent.class.getPackageName();

    private ModelFields() {}

    /** Every instance field of the class and of the model classes its fields hold, but the skipped ones and theirs. */
    static SortedSet<String> all(Class<?> type, Set<String> skipped) {
        SortedSet<String> out = new TreeSet<>();
        for (Field f : fields(type)) {
            String name = type.getSimpleName() + "." + f.getName();
            if (skipped.contains(name)) continue;
            out.add(name);
            if (isGroup(f.getType())) out.addAll(all(f.getType(), skipped));
        }
        return out;
    }

    /** The fields of {@code object} (and of the groups it holds) that have a value: not null, empty or an "unset" number. */
    static SortedSet<String> set(Object object) {
        SortedSet<String> out = new TreeSet<>();
        for (Field f : fields(object.getClass())) {
            Object v;
            try {
                v = f.get(object);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (!hasValue(v)) continue;
            out.add(object.getClass().getSimpleName() + "." + f.getName());
            if (isGroup(f.getType())) out.addAll(set(v));
        }
        return out;
    }

    private static boolean isGroup(Class<?> type) {
        return type.getPackageName().equals(MODEL_PACKAGE) && !type.isEnum() && type != Attributes.class;
    }

    private static java.util.List<Field> fields(Class<?> type) {
        java.util.List<Field> out = new java.util.ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            f.setAccessible(true);
            out.add(f);
        }
        return out;
    }

    private static boolean hasValue(Object v) {
        if (v == null) return false;
        if (v instanceof Number n) {
            long l = n.longValue();
            return l != 0 && l != -1 && l != Long.MIN_VALUE && l != Integer.MIN_VALUE;
        }
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        if (v instanceof Attributes a) return !a.isEmpty();
        return true;
    }
}

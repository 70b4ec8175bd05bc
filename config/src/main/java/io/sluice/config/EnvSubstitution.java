package io.sluice.config;

import java.util.Map;
import java.util.Objects;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in scalar values from an environment map;
 * {@code $${} writes a literal {@code ${}. As in the shell, {@code :-} also applies when the variable
 * is set but empty. An unset variable without a default is an error: a config that silently
 * becomes an empty password or address is worse than one that does not start.
 */
final class EnvSubstitution {
    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** Thrown for a reference that cannot be expanded; the message is for the user. */
    static final class SubstitutionException extends Exception {
        SubstitutionException(String message) {
            super(message);
        }
    }

    /** True when the text holds anything this class would change. */
    static boolean mayExpand(String text) {
        return text.indexOf('$') >= 0 && text.contains("${");
    }

    String expand(String text) throws SubstitutionException {
        if (!mayExpand(text)) return text;
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new SubstitutionException("'${' is not closed; write ${NAME}, ${NAME:-default}, or $${ for a literal ${");
                }
                out.append(resolve(text.substring(i + 2, close)));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference) throws SubstitutionException {
        int sep = reference.indexOf(":-");
        String name = sep < 0 ? reference : reference.substring(0, sep);
        if (!validName(name)) {
            throw new SubstitutionException("'${" + reference + "}' is not a variable reference; "
                    + "a name is letters, digits and _ (not starting with a digit), e.g. ${ES_API_KEY} or ${PORT:-5170}");
        }
        String value = env.get(name);
        if (sep >= 0) return value == null || value.isEmpty() ? reference.substring(sep + 2) : value;
        if (value == null) {
            throw new SubstitutionException("environment variable " + name + " is not set; set it or give a default: ${"
                    + name + ":-value}");
        }
        return value;
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) return false;
        }
        return true;
    }
}

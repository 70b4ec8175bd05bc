package io.sluice.api.option;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Option types for plugins built on a client library: the list of servers to contact first, and a
 * map of the library's own settings passed through as they are, checked against the names the
 * library knows so a typo is a config error rather than a warning in the log.
 */
public final class ClientOptionTypes {
    private ClientOptionTypes() {}

    /** Checks a whole settings map with the library's own validation; the message is for the user. */
    @FunctionalInterface
    public interface SettingsCheck {
        void check(Map<String, String> settings) throws OptionException;
    }

    /** A non-empty list of {@code host:port} with a real port, e.g. Kafka's bootstrap servers. */
    public static OptionType<List<String>> serverList(String example) {
        return new OptionType<>() {
            @Override
            public String describe() {
                return "list of host:port";
            }

            @Override
            public List<String> parse(JsonNode node) throws OptionException {
                List<String> list = Types.STRING_LIST.parse(node);
                if (list.isEmpty()) throw new OptionException("name at least one server, e.g. [\"" + example + "\"]");
                for (String s : list) {
                    if (Types.parseHostPort(s).getPort() == 0) {
                        throw new OptionException("'" + s + "' has port 0; write the server's port, e.g. " + example);
                    }
                }
                return list;
            }
        };
    }

    /**
     * A map of a client library's settings.
     *
     * @param what  e.g. "Kafka producer setting", for messages
     * @param known every setting the library knows
     * @param owned settings the plugin sets itself, each with what to do instead
     * @param docs  where the library's settings are documented
     * @param check the library's validation of names and values together
     */
    public static OptionType<Map<String, String>> passThrough(String what, Set<String> known, Map<String, String> owned,
                                                             String docs, SettingsCheck check) {
        return new OptionType<>() {
            @Override
            public String describe() {
                return "map of " + what + "s";
            }

            @Override
            public Map<String, String> parse(JsonNode node) throws OptionException {
                Map<String, String> map = Types.STRING_MAP.parse(node);
                for (String key : map.keySet()) {
                    if (owned.containsKey(key)) throw new OptionException("'" + key + "' cannot be set here: " + owned.get(key));
                    if (!known.contains(key)) throw new OptionException("'" + key + "' is not a " + what + " (see " + docs + ")");
                }
                check.check(map);
                return map;
            }
        };
    }
}

package io.sluice.api.option;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A map of a client library's own settings passed through as they are, such as the Kafka output's
 * {@code producer:} and the Kafka input's {@code consumer:}, checked when the config is read rather
 * than warned about in the log once the client starts: a name the library does not know is a typo;
 * a setting the plugin sets itself is refused with what to set instead (it would silently lose);
 * the values go through the library's own validation.
 *
 * <p>The API knows no client library: the plugin passes the library's names and validation in.
 *
 * @param what  what one entry is, for messages, e.g. "Kafka producer setting"
 * @param docs  where the library documents its settings
 * @param known every setting name the library knows, e.g. {@code ProducerConfig::configNames}; asked
 *              only when a config sets the map, so a pipeline without that client never loads the
 *              library's config classes (Kafka's build their whole definition table when loaded)
 * @param owned settings the plugin sets itself, each with what to do instead
 */
public record ClientPassThrough(String what, String docs, Supplier<Set<String>> known, Map<String, String> owned) {

    /** The library's validation of a whole settings map; throws the library's exception for a bad value. */
    @FunctionalInterface
    public interface LibraryCheck {
        void check(Map<String, Object> settings);
    }

    /**
     * The option type, a map of strings.
     *
     * @param ownedValues values the library's validation needs that the plugin sets itself (e.g. the
     *                    serializer classes Kafka requires), added before the check
     * @param check       the library's validation, e.g. {@code s -> ProducerConfig.configDef().parse(s)}
     *                    (not {@code ProducerConfig.configDef()::parse}, which loads the library at once)
     * @param refusal     the exception {@code check} throws for a bad setting; its message becomes the
     *                    config error (any other exception is a bug and propagates)
     */
    public OptionType<Map<String, String>> type(Map<String, Object> ownedValues, LibraryCheck check,
                                                Class<? extends RuntimeException> refusal) {
        return new OptionType<>() {
            @Override
            public String describe() {
                return "map of " + what + "s";
            }

            @Override
            public Map<String, String> parse(com.fasterxml.jackson.databind.JsonNode node) throws OptionException {
                Map<String, String> map = Types.STRING_MAP.parse(node);
                Set<String> names = known.get();
                for (String key : map.keySet()) {
                    if (owned.containsKey(key)) throw new OptionException("'" + key + "' cannot be set here: " + owned.get(key));
                    if (!names.contains(key)) throw new OptionException("'" + key + "' is not a " + what + " (see " + docs + ")");
                }
                Map<String, Object> probe = new HashMap<>(map);
                probe.putAll(ownedValues);
                try {
                    check.check(probe);
                } catch (RuntimeException e) {
                    if (!refusal.isInstance(e)) throw e;
                    throw new OptionException(e.getMessage());
                }
                return map;
            }
        };
    }
}

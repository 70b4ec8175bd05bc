package io.sluice.api.option;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Option types for plugins built on a client library: the list of servers to contact first. The
 * library's own settings passed through as they are: {@link ClientPassThrough}.
 */
public final class ClientOptionTypes {
    private ClientOptionTypes() {}

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
}

package io.sluice.api.option;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientPassThroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tiny client library: knows three settings, needs a codec, and checks that timeouts are numbers. */
    private final Map<String, Object> seenByLibrary = new HashMap<>();
    private final OptionType<Map<String, String>> type = new ClientPassThrough("Demo client setting",
            "https://demo.example/config", () -> Set.of("timeout.ms", "codec", "servers"),
            Map.of("servers", "set bootstrap_servers instead", "codec", "Sluice reads bytes"))
            .type(Map.of("codec", "bytes"), settings -> {
                seenByLibrary.putAll(settings);
                if (settings.get("codec") == null) throw new IllegalStateException("codec is required");
                Object timeout = settings.get("timeout.ms");
                if (timeout != null) Integer.parseInt((String) timeout);
            }, NumberFormatException.class);

    private Map<String, String> parse(Map<String, ?> settings) throws OptionException {
        return type.parse(JSON.valueToTree(settings));
    }

    @Test
    void knownSettingsPassThroughAsWrittenAndTheLibrarySeesThePluginsOwnValuesToo() throws Exception {
        assertThat(parse(Map.of("timeout.ms", 500))).containsExactly(Map.entry("timeout.ms", "500"));
        assertThat(seenByLibrary).containsEntry("timeout.ms", "500").containsEntry("codec", "bytes");
        assertThat(type.describe()).isEqualTo("map of Demo client settings");
    }

    @Test
    void aTypoIsAConfigErrorThatSaysWhereTheSettingsAreDocumented() {
        assertThatThrownBy(() -> parse(Map.of("timeout.sm", "5")))
                .isInstanceOf(OptionException.class)
                .hasMessage("'timeout.sm' is not a Demo client setting (see https://demo.example/config)");
    }

    @Test
    void aSettingThePluginOwnsIsRefusedWithWhatToSetInstead() {
        assertThatThrownBy(() -> parse(Map.of("servers", "a:1")))
                .hasMessage("'servers' cannot be set here: set bootstrap_servers instead");
    }

    @Test
    void theLibrarysRefusalBecomesTheConfigErrorAndOtherExceptionsAreBugs() {
        assertThatThrownBy(() -> parse(Map.of("timeout.ms", "soon")))
                .isInstanceOf(OptionException.class).hasMessageContaining("soon");
        OptionType<Map<String, String>> broken = new ClientPassThrough("Demo client setting", "docs", () -> Set.of("a"), Map.of())
                .type(Map.of(), settings -> { throw new IllegalStateException("bug"); }, NumberFormatException.class);
        assertThatThrownBy(() -> broken.parse(JSON.valueToTree(Map.of("a", "1"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }
}

package io.sluice.api.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordFormatsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Runs one record through the pipeline's record processor with the decoder a format name picks. */
    private static LogEvent decode(RecordFormats formats, String format, String record) {
        RecordProcessor processor = new RecordProcessor(new Normalizer(
                new NormalizeSettings(Map.of(), DecodeOptions.DEFAULT.onInvalid(), "node-1")));
        RawBatch batch = new RawBatch(10, 1 << 20);
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        batch.add(b, 0, b.length, 0, b.length);
        SourceSpec spec = SourceSpec.of("test", "tcp", formats.decoders(format, DecodeOptions.DEFAULT));
        return processor.process(batch, 0, spec, spec.decoder().create(), 7, 1_764_000_000_000_000_000L, "app");
    }

    private static final String JSON = "{\"msg\":\"disk low\",\"level\":\"warn\"}";

    @Test
    void standardFormatsPickTheirDecoders() {
        assertThat(RecordFormats.STANDARD.names()).containsExactly(
                "auto", "json", "text", "logfmt", "klog", "logback", "log4j2", "spring_boot", "python", "loguru", "structlog", "monolog", "ruby_logger", "go_log", "zap_console", "hclog", "zerolog_console", "dotnet", "access_log", "nginx_error");
        assertThat(decode(RecordFormats.STANDARD, "auto", JSON).message()).isEqualTo("disk low");
        assertThat(decode(RecordFormats.STANDARD, "auto", "plain words").message()).isEqualTo("plain words");
        assertThat(decode(RecordFormats.STANDARD, "auto", "plain words").hasTag(Tags.PARSE_FAILED)).isFalse();
        assertThat(decode(RecordFormats.STANDARD, "json", "plain words").hasTag(Tags.PARSE_FAILED)).isTrue();
        assertThat(decode(RecordFormats.STANDARD, "text", JSON).message()).isEqualTo(JSON);
    }

    @Test
    void anInputAddsAFormatOrReplacesOneInPlaceWithoutChangingTheStandardRegistry() {
        RecordDecoder.Factory shout = () -> (b, off, len, event) ->
                event.message(new String(b, off, len, StandardCharsets.UTF_8).toUpperCase());
        RecordFormats mine = RecordFormats.STANDARD
                .with("shout", "upper case", o -> shout)
                .with("text", "text, shouted", o -> shout);
        assertThat(mine.names()).startsWith("auto", "json", "text").endsWith("nginx_error", "shout");
        assertThat(decode(mine, "shout", "hi").message()).isEqualTo("HI");
        assertThat(decode(mine, "text", "hi").message()).isEqualTo("HI");
        assertThat(decode(RecordFormats.STANDARD, "text", "hi").message()).isEqualTo("hi");
        assertThat(RecordFormats.STANDARD.names()).doesNotContain("shout");
    }

    @Test
    void theFormatOptionAcceptsExactlyTheRegisteredNamesAndDocumentsEach() throws Exception {
        Option<String> format = RecordFormats.STANDARD.with("shout", "upper case", o -> null).option("auto");
        OptionSpec spec = OptionSpec.of("test", "test", format);
        assertThat(spec.bind(MAPPER.readTree("{\"format\":\"shout\"}")).ok()).isTrue();
        assertThat(spec.bind(MAPPER.readTree("{}")).options().get(format)).isEqualTo("auto");
        OptionSpec.Binding bad = spec.bind(MAPPER.readTree("{\"format\":\"xml\"}"));
        assertThat(bad.ok()).isFalse();
        assertThat(bad.problems().get(0).message()).contains("auto, json, text, logfmt", "nginx_error, shout");
        assertThat(format.doc()).contains("`json` (", "`text` (", "`shout` (upper case)");
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThatThrownBy(() -> RecordFormats.STANDARD.decoders("xml", DecodeOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xml");
        assertThatThrownBy(() -> RecordFormats.STANDARD.option("xml")).isInstanceOf(IllegalArgumentException.class);
    }
}

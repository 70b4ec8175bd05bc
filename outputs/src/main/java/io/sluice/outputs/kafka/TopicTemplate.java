package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionException;
import io.sluice.api.template.FieldTemplate;
import io.sluice.api.template.MissingField;
import io.sluice.api.template.TemplateTarget;

import java.util.List;

/**
 * A topic name with event fields in braces, e.g. {@code logs.{service.name}}. Field values are
 * made safe for Kafka (characters other than letters, digits, {@code .}, {@code _} and {@code -}
 * become {@code _}), so an odd service name never produces an invalid topic. An event that lacks a
 * field renders no topic ({@link MissingField#NO_RESULT}): the output sends it to the
 * {@code fallback_topic} or refuses it, rather than invent a topic nobody consumes.
 */
record TopicTemplate(FieldTemplate template) {
    /** Kafka's own limit on topic name length. */
    static final int MAX_TOPIC_LENGTH = 249;

    private static final TemplateTarget TOPIC = new TemplateTarget() {
        @Override
        public String refuseLiteral(String literal) {
            for (int k = 0; k < literal.length(); k++) {
                if (!legal(literal.charAt(k))) {
                    return "'" + literal.charAt(k) + "' is not allowed; Kafka topic names take only letters, digits,"
                            + " '.', '_' and '-'";
                }
            }
            return null;
        }

        @Override
        public void appendValue(String value, StringBuilder out) {
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                out.append(legal(c) ? c : '_');
            }
        }
    };

    /** Parses a template; the message names what is wrong. */
    static TopicTemplate parse(String text) throws OptionException {
        return new TopicTemplate(FieldTemplate.parse(text, TOPIC, MissingField.NO_RESULT));
    }

    private static boolean legal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    /** True when the topic is the same for every event. */
    boolean isConstant() {
        return template.isConstant();
    }

    /** The topic for the event, or null when a field it names is missing or empty. */
    String render(LogEvent event) {
        String topic = template.render(event);
        if (topic == null || template.isConstant()) return topic;
        return topic.length() > MAX_TOPIC_LENGTH ? topic.substring(0, MAX_TOPIC_LENGTH) : topic;
    }

    /** The field paths the template reads, for messages. */
    List<String> paths() {
        return template.paths();
    }

    /** The template's text; equal texts make equal records, an unchanged output on hot reload. */
    @Override
    public String toString() {
        return template.toString();
    }
}

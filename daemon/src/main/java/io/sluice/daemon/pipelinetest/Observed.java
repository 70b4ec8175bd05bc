package io.sluice.daemon.pipelinetest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What the pipeline made of one record: the event as the sinks receive it, the outputs the routes
 * chose, and whether it was dead-lettered instead.
 */
public record Observed(JsonNode event, List<String> outputs, boolean deadLettered) {}

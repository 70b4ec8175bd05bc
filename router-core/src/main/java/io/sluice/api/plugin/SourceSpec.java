package io.sluice.api.plugin;

import io.sluice.api.event.ContainerFields;

/**
 * Describes one ordered stream of records within an input.
 *
 * @param name           for diagnostics, e.g. {@code tcp 127.0.0.1:40112} or a file path
 * @param inputType      schema v1 {@code input.type}
 * @param decoder        how records of this stream are parsed
 * @param defaultService {@code service.name} when the record has none (null: none configured)
 * @param container      container identity for every record of the stream (null: none)
 * @param filePath       {@code log.file.path} (null: not a file)
 * @param keepOriginal   copy the raw record into {@code event.original}
 * @param acks           told, in order, the position of each batch every sink has acknowledged (null: not needed)
 */
public record SourceSpec(String name, String inputType, RecordDecoder.Factory decoder, String defaultService,
                         ContainerFields container, String filePath, boolean keepOriginal,
                         AckListener acks) {

    public static SourceSpec of(String name, String inputType, RecordDecoder.Factory decoder) {
        return new SourceSpec(name, inputType, decoder, null, null, null, false, null);
    }

    public SourceSpec withAcks(AckListener listener) {
        return new SourceSpec(name, inputType, decoder, defaultService, container, filePath, keepOriginal, listener);
    }

    public SourceSpec withDefaultService(String service) {
        return new SourceSpec(name, inputType, decoder, service, container, filePath, keepOriginal, acks);
    }

    public SourceSpec withContainer(ContainerFields fields) {
        return new SourceSpec(name, inputType, decoder, defaultService, fields, filePath, keepOriginal, acks);
    }

    public SourceSpec withFilePath(String path) {
        return new SourceSpec(name, inputType, decoder, defaultService, container, path, keepOriginal, acks);
    }

    public SourceSpec withKeepOriginal(boolean keep) {
        return new SourceSpec(name, inputType, decoder, defaultService, container, filePath, keep, acks);
    }
}

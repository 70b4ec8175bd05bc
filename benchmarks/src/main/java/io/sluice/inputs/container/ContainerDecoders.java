package io.sluice.inputs.container;

import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;

/** The container input's decoders (package-private there) for benchmarks in other packages. */
public final class ContainerDecoders {
    private ContainerDecoders() {}

    /** The Docker json-file decoder a container input gives its workers, with default options. */
    public static RecordDecoder.Factory docker() {
        return Format.DOCKER.decoder(DecodeOptions.DEFAULT);
    }
}

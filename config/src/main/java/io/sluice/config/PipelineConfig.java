package io.sluice.config;

import io.sluice.core.pipeline.PipelineSettings;
import io.sluice.core.pipeline.Route;
import io.sluice.api.schema.NormalizeSettings;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated pipeline file. Maps keep the order of the file.
 *
 * @param source          the file it was read from
 * @param dataDir         checkpoints, disk buffers, default dead letters
 * @param adminListen     the admin endpoint's address, or null when {@code admin.enabled: false}
 * @param shutdownTimeout how long a stop may take to drain and flush
 * @param inputs          input id -> input
 * @param normalize       schema v1 rules for every input
 * @param routes          empty when the file has none: then every input goes to every output
 * @param outputs         output id -> output
 * @param deadLetter      where refused events go; null only when none is configured and no
 *                        {@code file} output type is installed (reported as a warning)
 * @param tuning          the {@code pipeline:} block: worker pool, batch sizes, in-flight and memory bounds
 * @param adminTokenFile  the bearer token file of the admin endpoint, or null
 * @param transforms      the {@code transforms:} stage in file order; empty when the file has none
 */
public record PipelineConfig(Path source, Path dataDir, InetSocketAddress adminListen, Duration shutdownTimeout,
                             Map<String, InputConfig> inputs, NormalizeSettings normalize, List<Route> routes,
                             Map<String, OutputConfig> outputs, OutputConfig deadLetter, PipelineSettings tuning,
                             Path adminTokenFile, List<TransformConfig> transforms) {
    public PipelineConfig {
        transforms = List.copyOf(transforms);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        routes = List.copyOf(routes);
    }
}

package io.sluice.inputs.container;

import io.sluice.api.event.ContainerFields;
import io.sluice.api.plugin.PodLookup;
import io.sluice.inputs.multiline.MultilineOptions;
import io.sluice.inputs.multiline.MultilineSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A pod's {@code sluice.io/multiline: <mode>} annotation, for the container input: the multiline rule
 * each file of a Kubernetes pod is joined with. The file's path tells its pod (namespace, name, and
 * the uid under {@code /var/log/pods}); the pipeline's {@link PodLookup} (a {@code kubernetes_metadata}
 * transform's watch) tells the pod's annotations.
 *
 * <ul>
 *   <li>Nothing waits for the API: until the pod is known a file is joined as the input's own
 *       {@code multiline:} says (by default not at all), and the pod is asked for again at most once a
 *       {@link #ASK_EVERY_NANOS second}; when it becomes known the file switches, the event being
 *       joined is sent first. Once known, the answer holds for the file (a container's restart
 *       writes a new file, which asks again).</li>
 *   <li>The annotation wins over the input's {@code multiline:}: it is the more specific of the two
 *       (one pod against every file), as {@code sluice.io/format} wins over the input's format;
 *       {@code none} turns joining off for the pod. The input's {@code max_lines} and {@code max_bytes}
 *       still bound the events.</li>
 *   <li>A value that names no rule is logged once per pod and ignored: the input's {@code multiline:}
 *       applies, which by default joins nothing.</li>
 * </ul>
 * Used by the reader thread only.
 */
final class PodMultiline {
    static final String ANNOTATION = "sluice.io/multiline";
    static final long ASK_EVERY_NANOS = 1_000_000_000L;
    /** Pods already warned about, at most this many remembered (a node's pods churn over weeks). */
    private static final int WARNED_PODS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PodMultiline.class);

    private final String inputId;
    private final PodLookup pods;
    private final MultilineSettings configured;
    private final Function<String, MultilineSettings> presets;
    private final Set<String> warned = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > WARNED_PODS;
        }
    });

    /**
     * @param configured the input's own {@code multiline:} rule, null when it has none
     * @param presets    the settings of a preset name, with the input's limits (see {@link MultilineOptions#preset})
     */
    PodMultiline(String inputId, PodLookup pods, MultilineSettings configured, Function<String, MultilineSettings> presets) {
        this.inputId = inputId;
        this.pods = pods;
        this.configured = configured;
        this.presets = presets;
    }

    /** The rule of one file, or null when its path names no pod (then the input's {@code multiline:} applies). */
    File forFile(ContainerFields c) {
        if (c == null || c.kubernetesNamespace() == null || c.kubernetesPodName() == null) return null;
        return new File(c.kubernetesNamespace(), c.kubernetesPodName(), c.kubernetesPodUid());
    }

    /** The rule a pod's annotations give. */
    private MultilineSettings ruleOf(String pod, Map<String, String> annotations) {
        String value = annotations.get(ANNOTATION);
        if (value == null) return configured;
        String mode = value.trim();
        if (mode.equals(MultilineOptions.NONE) || MultilineOptions.PRESETS.contains(mode)) return presets.apply(mode);
        if (warned.add(pod)) {
            LOG.warn("container input {}: pod {}: annotation {}: '{}' is not a multiline rule; one of {} or {}; the pod's "
                    + "lines are joined as the input's multiline says", inputId, pod, ANNOTATION, value,
                    MultilineOptions.PRESETS, MultilineOptions.NONE);
        }
        return configured;
    }

    /** One file's rule: the input's until its pod is known, then the pod's. */
    final class File {
        private final String namespace;
        private final String name;
        private final String uid;
        private MultilineSettings current = configured;
        private boolean known;
        private boolean asked;
        private long askedAtNanos;

        private File(String namespace, String name, String uid) {
            this.namespace = namespace;
            this.name = name;
            this.uid = uid;
        }

        /** The rule to join with now; null: join nothing. */
        MultilineSettings current() {
            return current;
        }

        /**
         * Asks for the pod when it is not known yet (at most once per {@link #ASK_EVERY_NANOS}).
         *
         * @return true when the answer changed the rule
         */
        boolean refresh(long nowNanos) {
            if (known || asked && nowNanos - askedAtNanos < ASK_EVERY_NANOS) return false;
            asked = true;
            askedAtNanos = nowNanos;
            Map<String, String> annotations = pods.annotations(namespace, name, uid);
            if (annotations == null) return false;
            known = true;
            MultilineSettings rule = ruleOf(namespace + "/" + name, annotations);
            boolean changed = !Objects.equals(rule, current);
            current = rule;
            return changed;
        }
    }
}

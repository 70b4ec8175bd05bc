package io.sluice.inputs.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.PodList;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list+watch of the pods on this node (field selector {@code spec.nodeName}) through a fabric8
 * informer, which relists after {@code 410 Gone} and reconnects a dropped watch with backoff. It is
 * started and never waited for: until the API answers, events pass without metadata. Every failure
 * is retried (an API server down at start, expired RBAC being fixed): the informer's exception
 * handler always says so.
 */
final class PodWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PodWatch.class);
    /** At most one warning per this many nanoseconds: a down API server is retried every few seconds. */
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final KubernetesClient client;
    private final SharedIndexInformer<Pod> informer;
    private volatile long lastWarned = System.nanoTime() - WARN_EVERY_NANOS;

    /**
     * @param serverSideSelector false only in tests: fabric8's mock API server in CRUD mode indexes
     *                           metadata fields only (a {@code spec.nodeName} selector matches nothing there),
     *                           so there the node is filtered on this side alone
     */
    PodWatch(KubernetesClient client, String nodeName, boolean serverSideSelector, PodInfoBuilder builder,
             PodDirectory directory, Counter errors) {
        this.client = client;
        FilterWatchListDeletable<Pod, PodList, PodResource> pods = nodeName == null || !serverSideSelector
                ? client.pods().inAnyNamespace()
                : client.pods().inAnyNamespace().withField("spec.nodeName", nodeName);
        this.informer = pods.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<Pod>() {
            @Override
            public void onAdd(Pod pod) {
                if (onThisNode(pod)) directory.put(builder.build(pod));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (onThisNode(pod)) directory.put(builder.build(pod));
            }

            /** The API server answers for this node only; the mock server in CRUD mode cannot, so it is checked here. */
            private boolean onThisNode(Pod pod) {
                return nodeName == null || serverSideSelector
                        || (pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName()));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                // kept: the pod's last lines are usually read after it is gone; the directory's bound forgets it
            }
        });
        informer.exceptionHandler((started, t) -> {
            errors.increment();
            long now = System.nanoTime();
            if (now - lastWarned >= WARN_EVERY_NANOS) {
                lastWarned = now;
                LOG.warn("kubernetes metadata: listing or watching pods{} failed, retrying (events pass without metadata meanwhile): {}",
                        nodeName == null ? "" : " on node " + nodeName, t.toString());
            }
            return true;
        });
    }

    void start() {
        informer.start();
    }

    boolean synced() {
        return informer.hasSynced();
    }

    @Override
    public void close() {
        informer.stop();
        client.close();
    }
}

package io.sluice.inputs.kubernetes;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods known to the transform, by uid and by namespace/name. Workers read it on every event
 * without a lock (two concurrent maps); only the watch thread writes. Deleted pods stay, because their
 * last lines are often read after the deletion, until the directory holds more than {@code maxPods}:
 * then the pods that changed least recently (deleted ones, in practice) are forgotten first.
 */
final class PodDirectory {
    private final int maxPods;
    private final Map<String, PodInfo> byUid = new ConcurrentHashMap<>();
    private final Map<String, PodInfo> byName = new ConcurrentHashMap<>();
    /** Uids in order of their last change; touched by the watch thread only. */
    private final LinkedHashMap<String, PodInfo> recency = new LinkedHashMap<>();

    PodDirectory(int maxPods) {
        this.maxPods = maxPods;
    }

    PodInfo find(String uid, String namespace, String name) {
        if (uid != null) {
            PodInfo p = byUid.get(uid);
            if (p != null) return p;
        }
        if (namespace != null && name != null) return byName.get(key(namespace, name));
        return null;
    }

    /** Called by the watch thread for an added or changed pod. */
    synchronized void put(PodInfo pod) {
        byUid.put(pod.uid(), pod);
        byName.put(key(pod.namespace(), pod.name()), pod);
        recency.remove(pod.uid());
        recency.put(pod.uid(), pod);
        Iterator<PodInfo> oldest = recency.values().iterator();
        while (recency.size() > maxPods && oldest.hasNext()) {
            PodInfo gone = oldest.next();
            oldest.remove();
            byUid.remove(gone.uid());
            // a newer pod of the same name (a StatefulSet's) keeps its entry
            byName.remove(key(gone.namespace(), gone.name()), gone);
        }
    }

    int size() {
        return byUid.size();
    }

    private static String key(String namespace, String name) {
        return namespace + '/' + name;
    }
}

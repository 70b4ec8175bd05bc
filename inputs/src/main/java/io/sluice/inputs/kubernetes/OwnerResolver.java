package io.sluice.inputs.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sluice.api.event.KubernetesMetadata;
import io.sluice.api.event.KubernetesMetadata.Owner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's owners up to the workload: its controller, and for a ReplicaSet the Deployment that owns it,
 * for a Job the CronJob. Asks the API once per ReplicaSet or Job and remembers the answer (bounded);
 * runs on the watch thread only. When the API cannot answer, the chain stops at what is known.
 */
final class OwnerResolver {
    private static final int REMEMBERED = 1024;

    private final KubernetesClient client;
    private final Map<String, List<Owner>> parents = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Owner>> eldest) {
            return size() > REMEMBERED;
        }
    };

    OwnerResolver(KubernetesClient client) {
        this.client = client;
    }

    List<Owner> owners(HasMetadata pod) {
        OwnerReference controller = controller(pod);
        if (controller == null) return List.of();
        List<Owner> chain = new ArrayList<>(2);
        chain.add(new Owner(controller.getKind(), controller.getName()));
        chain.addAll(parentsOf(pod.getMetadata().getNamespace(), controller));
        chain.removeIf(o -> !KubernetesMetadata.OWNER_KINDS.contains(o.kind()));
        return chain;
    }

    private List<Owner> parentsOf(String namespace, OwnerReference ref) {
        if (!ref.getKind().equals("ReplicaSet") && !ref.getKind().equals("Job")) return List.of();
        String key = ref.getKind() + '/' + namespace + '/' + ref.getName();
        List<Owner> known = parents.get(key);
        if (known != null) return known;
        HasMetadata owner;
        try {
            owner = ref.getKind().equals("ReplicaSet")
                    ? client.apps().replicaSets().inNamespace(namespace).withName(ref.getName()).get()
                    : client.batch().v1().jobs().inNamespace(namespace).withName(ref.getName()).get();
        } catch (KubernetesClientException e) {
            return List.of(); // asked again for the pod's next version
        }
        OwnerReference parent = owner == null ? null : controller(owner);
        List<Owner> found = parent == null ? List.of() : List.of(new Owner(parent.getKind(), parent.getName()));
        parents.put(key, found);
        return found;
    }

    private static OwnerReference controller(HasMetadata o) {
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
        if (refs == null) return null;
        for (OwnerReference r : refs) if (Boolean.TRUE.equals(r.getController())) return r;
        return refs.isEmpty() ? null : refs.get(0);
    }
}

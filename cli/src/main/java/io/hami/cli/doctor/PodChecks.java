package io.hami.cli.doctor;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.json.CanonicalJson;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.filter.Filter;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.usage.PodUsageReader;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One pod, against the API: its hami annotations decoded, where it stands in the bind lifecycle (docs/protocol.md,
 * "Bind lifecycle"), and, while it is not bound, the scheduler's own filter run over every node as the cluster stands
 * now, with each node's reason in plain words.
 */
final class PodChecks {

    private final KubernetesClient client;
    private final ApiChecks api;

    PodChecks(KubernetesClient client, ApiChecks api) {
        this.client = client;
        this.api = api;
    }

    void check(Section s, String namespace, String name) {
        Pod pod;
        try {
            pod = client.pods().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            s.error("unreadable", "pod " + namespace + "/" + name + " cannot be read: " + e.getMessage(),
                    "check the account's RBAC (get pods)");
            return;
        }
        if (pod == null) {
            s.error("not-found", "there is no pod " + namespace + "/" + name, "check the namespace and the name "
                    + "(kubectl get pods -n " + namespace + ")");
            return;
        }
        var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        s.fact("phase " + phase + ", scheduler " + pod.getSpec().getSchedulerName() + ", node "
                + Optional.ofNullable(pod.getSpec().getNodeName()).orElse("(none)"));
        annotations(s, pod);
        lifecycle(s, pod);
    }

    /** Every allocation annotation of every device type, decoded; the bind keys as they are. */
    private void annotations(Section s, Pod pod) {
        var annotations = pod.getMetadata().getAnnotations() == null ? Map.<String, String>of()
                : new TreeMap<>(pod.getMetadata().getAnnotations());
        for (var key : List.of(HamiAnnotations.VGPU_NODE, HamiAnnotations.VGPU_TIME, HamiAnnotations.BIND_PHASE,
                HamiAnnotations.BIND_TIME)) {
            if (annotations.containsKey(key)) {
                s.fact(key + ": " + annotations.get(key));
            }
        }
        for (var t : api.types().all()) {
            var keys = t.descriptor().annotations();
            for (var key : List.of(keys.devicesAllocated(), keys.devicesToAllocate())) {
                var value = annotations.get(key);
                if (value == null) {
                    continue;
                }
                try {
                    var decoded = PodDevicesCodec.INSTANCE.decode(value);
                    s.fact(key + ": " + CanonicalJson.MAPPER.writeValueAsString(decoded));
                } catch (WireFormatException e) {
                    s.error("annotation-invalid", key + " is unreadable: " + e.getMessage(), "the device plugin "
                            + "fails this pod's Allocate; delete the pod so that the scheduler writes it again");
                } catch (Exception e) {
                    s.fact(key + ": " + value);
                }
            }
        }
    }

    private void lifecycle(Section s, Pod pod) {
        var annotations = pod.getMetadata().getAnnotations() == null ? Map.<String, String>of()
                : pod.getMetadata().getAnnotations();
        var node = annotations.get(HamiAnnotations.VGPU_NODE);
        var phase = BindPhase.of(annotations.get(HamiAnnotations.BIND_PHASE));
        var bound = pod.getSpec().getNodeName();
        if (PodUsageReader.isTerminal(pod)) {
            s.fact("stage: finished; it holds no device any more");
            return;
        }
        if (phase.isPresent()) {
            switch (phase.get()) {
                case SUCCESS -> s.fact("stage: allocated: the device plugin on " + node + " has handed out its devices");
                case ALLOCATING -> s.warning("allocating", "bound to " + node + ", waiting for kubelet's Allocate on "
                        + "that node: until it comes, the node lock blocks other binds there", "if this lasts, check "
                        + "the device plugin's pod and log on " + node + " (hami doctor there) and the pod's events");
                case FAILED -> s.error("allocate-failed", "the device plugin's Allocate failed on " + node + "; kubelet "
                        + "fails the pod with UnexpectedAdmissionError", "read the Warning event on the pod (kubectl "
                        + "describe pod) for the reason, fix it, and delete the pod so that it is scheduled again");
            }
            return;
        }
        if (node != null) {
            s.fact("stage: filtered onto " + node + ", not bound yet (kube-scheduler binds next; a held node lock "
                    + "makes the bind wait)");
            return;
        }
        if (bound != null && !bound.isEmpty()) {
            s.warning("not-filtered", "bound to " + bound + " without hami's filter: scheduler "
                    + pod.getSpec().getSchedulerName() + " placed it, so its devices are not accounted",
                    "check that the webhook gives device pods hami's schedulerName (scheduler.admissionWebhook, "
                            + "and the namespace is not excluded)");
            return;
        }
        s.fact("stage: waiting for the filter");
        filter(s, pod);
    }

    /** The scheduler's filter over every node, on the cluster as it stands. */
    private void filter(Section s, Pod pod) {
        List<Node> nodes;
        List<Pod> pods;
        try {
            nodes = client.nodes().list().getItems();
            pods = client.pods().inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            s.warning("cluster-unreadable", "the nodes and pods cannot be listed: " + e.getMessage(), "run with an "
                    + "account that may list nodes and pods (the scheduler's) to see each node's reason");
            return;
        }
        var types = api.types();
        var clock = Clock.fixed(api.now(), ZoneOffset.UTC);
        var config = new SchedulerConfig(types, NodeSchedulerPolicy.BINPACK, GpuSchedulerPolicy.SPREAD,
                SchedulerConfig.Evaluation.ALL_NODES);
        FilterResult result;
        try (var state = new ClusterState(types, clock, Map.of(), Duration.ofMinutes(1), new Listed(nodes, pods))) {
            state.start();
            nodes.forEach(state::putNode);
            pods.forEach(state::putPod);
            state.flush().get(30, TimeUnit.SECONDS);
            result = Filter.decide(pod, nodes.stream().map(n -> n.getMetadata().getName()).toList(), state.snapshot(),
                    config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            s.warning("filter-failed", "the filter could not be run here: " + e.getMessage(), "ask the scheduler's "
                    + "log and the pod's FilteringFailed events instead");
            return;
        }
        switch (result.kind()) {
            case PASS_THROUGH -> s.fact("asks for no device type the scheduler serves (" + api.typesSource() + ")");
            case ERROR -> s.error("request-invalid", result.error(), "fix the pod's resources or annotations; the "
                    + "scheduler rejects it on every node");
            case SCHEDULED -> {
                s.fact("fits now on " + result.fittingNodes().stream().map(FilterResult.ScoredNode::node).toList()
                        + "; best " + result.node().orElseThrow());
                reasons(s, result.failedNodes());
                s.warning("pending", "the pod would fit now but has not been filtered", "check that kube-scheduler "
                        + "calls hami's extender for scheduler " + pod.getSpec().getSchedulerName() + " (the scheduler "
                        + "pod's log), or it may simply be next");
            }
            case UNSCHEDULABLE -> {
                reasons(s, result.failedNodes());
                s.error("unschedulable", "no node fits the pod's device request (" + result.failedNodes().size()
                        + " nodes tried)", "see each node's reason above: ask for less memory or cores, relax its "
                        + "type or UUID annotations, free devices, or add nodes");
            }
        }
    }

    private static void reasons(Section s, Map<String, String> failed) {
        new TreeMap<>(failed).forEach((node, reason) -> s.fact(node + ": " + reason + " (" + FitWords.explain(reason)
                + ")"));
    }

    /** The informers' caches, as lists read once. */
    private record Listed(List<Node> nodes, List<Pod> pods) implements KubeCache {
        @Override
        public Optional<Pod> pod(String namespace, String name) {
            return pods.stream().filter(p -> namespace.equals(p.getMetadata().getNamespace())
                    && name.equals(p.getMetadata().getName())).findFirst();
        }

        @Override
        public Optional<Node> node(String name) {
            return nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst();
        }
    }
}

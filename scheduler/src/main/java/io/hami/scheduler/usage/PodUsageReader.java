package io.hami.scheduler.usage;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.MigAllocation;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.MetaxAnnotations;
import io.hami.model.protocol.MetaxAppClass;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a pod holds from its annotations (docs/scheduler.md, "Usage of scheduled pods"): pods carrying
 * {@code hami.io/vgpu-node} count on that node with the collapse of each type's {@code *-devices-allocated}, until they
 * reach {@code Succeeded} or {@code Failed}; terminating pods still count. Once every init container has terminated
 * with exit code 0, only the app containers count; a pod seen app-only stays app-only (pass {@code wasAppOnly}), so a
 * later status that shows the init containers again does not inflate it. Its MIG reservations come from
 * {@code hami.io/vgpu-mig-allocations}; an unreadable value is reported in {@link PodUsage#migProblem()} and counts as
 * no reservation, which fails the pod's MIG GPUs closed ({@link io.hami.scheduler.snapshot.NodeSnapshot}) where HAMi
 * would ignore it the same way.
 */
public final class PodUsageReader {


    private PodUsageReader() {
    }

    /**
     * The pod's usage, or empty when it holds nothing (no {@code hami.io/vgpu-node}, or in a terminal phase).
     *
     * @param wasAppOnly whether the cache already shrank this pod to its app containers
     * @throws WireFormatException when an allocation annotation is invalid: the pod is then not counted; the field
     *                             names the annotation key
     */
    public static Optional<PodUsage> read(Pod pod, DeviceTypes types, boolean wasAppOnly) throws WireFormatException {
        String node = KubeObjects.annotation(pod, HamiAnnotations.VGPU_NODE);
        if (node == null || isTerminal(pod)) {
            return Optional.empty();
        }
        int initCount = KubeObjects.initContainers(pod).size();
        boolean appOnly = wasAppOnly || initContainersCompleted(pod);
        Map<String, List<DeviceUse>> devices = new HashMap<>();
        for (DeviceType type : types.all()) {
            String key = type.descriptor().annotations().devicesAllocated();
            String value = KubeObjects.annotation(pod, key);
            if (value == null) {
                continue;
            }
            try {
                var uses = UsageCollapse.collapse(PodDevicesCodec.INSTANCE.decode(value), initCount, appOnly);
                if (!uses.isEmpty()) {
                    devices.put(type.id(), uses);
                }
            } catch (WireFormatException e) {
                throw new WireFormatException(e.format(), key + ": " + e.field(), e.problem(), e.offending(), e);
            }
        }
        boolean sgpus = types.all().stream().anyMatch(t -> t.kind() == DeviceType.Kind.METAX_SGPU
                && devices.containsKey(t.id()));
        List<MigAllocation> mig = List.of();
        String migProblem = "";
        String migValue = KubeObjects.annotation(pod, HamiAnnotations.MIG_ALLOCATIONS);
        if (migValue != null) {
            try {
                mig = MigAllocationsCodec.INSTANCE.decode(migValue).allocations();
            } catch (WireFormatException e) {
                migProblem = HamiAnnotations.MIG_ALLOCATIONS + ": " + e.getMessage();
            }
        }
        return Optional.of(new PodUsage(KubeObjects.uid(pod), KubeObjects.namespace(pod), KubeObjects.name(pod), node,
                devices, appOnly, sgpus ? metaxQos(KubeObjects.annotations(pod)) : "",
                sgpus ? metaxClass(KubeObjects.annotations(pod)) : Optional.empty(), mig, migProblem));
    }

    /**
     * The QoS policy a pod's shared sGPUs impose on their cards, as HAMi's scheduler records it for a card it has just
     * given out ({@code addJitteryQos}, {@code pkg/device/metax/sdevice.go}): the policy the pod names (the webhook
     * names the default for a pod that does not), nothing for a pod that names none or is {@code online}.
     */
    public static String metaxQos(Map<String, String> podAnnotations) {
        if (MetaxAppClass.ONLINE.wire().equals(podAnnotations.get(MetaxAnnotations.APP_CLASS))) {
            return "";
        }
        return podAnnotations.getOrDefault(MetaxAnnotations.QOS_POLICY, "");
    }

    /**
     * The application class of a pod's sGPUs ({@code metax-tech.com/sgpu-app-class}); empty for a pod that names none
     * or names something else (HAMi's webhook refuses other values, and its scheduler counts them as no class).
     */
    public static Optional<MetaxAppClass> metaxClass(Map<String, String> podAnnotations) {
        return MetaxAppClass.of(podAnnotations.get(MetaxAnnotations.APP_CLASS));
    }

    /** {@code Succeeded} or {@code Failed}: the pod holds nothing any more. */
    public static boolean isTerminal(Pod pod) {
        String phase = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** Every init container has a status, and each terminated with exit code 0. */
    static boolean initContainersCompleted(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null
                || pod.getStatus().getInitContainerStatuses().isEmpty()) {
            return false;
        }
        for (ContainerStatus s : pod.getStatus().getInitContainerStatuses()) {
            if (s == null || s.getState() == null || s.getState().getTerminated() == null
                    || s.getState().getTerminated().getExitCode() == null
                    || s.getState().getTerminated().getExitCode() != 0) {
                return false;
            }
        }
        return true;
    }
}

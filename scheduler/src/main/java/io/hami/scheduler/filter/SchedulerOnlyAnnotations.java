package io.hami.scheduler.filter;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.EnflameAssignmentsCodec;
import io.hami.model.device.EnflameAssignments;
import io.hami.model.protocol.EnflameAnnotations;
import io.hami.model.protocol.KunlunAnnotations;
import io.hami.model.protocol.NeuronAnnotations;
import io.hami.scheduler.fit.Pick;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.EnflameDrs;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The pod annotations the vendors' own plugins read, of the six vendors the scheduler serves alone, as HAMi v2.10's
 * {@code PatchAnnotations} writes them (docs/protocol.md, "Pod annotations of the other device types"); those that
 * depend only on the decision. The decision time is added by {@link VendorAnnotations}.
 * <ul>
 *   <li>Kunlunxin whole XPUs: {@code BAIDU_COM_DEVICE_IDX}, the XPU indexes of the last container that got some;</li>
 *   <li>Enflame DRS: the first container's card ({@code gcu-assigned-index}, {@code -id}, {@code -minor}) and slices
 *       ({@code gcu-request-size}), {@code gcu-assigned=false}, and per container its partition
 *       ({@code assigned-containers});</li>
 *   <li>AWS Neuron: {@code AWS_NEURON_IDS}, over the pod's containers, the device indexes of a container that asked
 *       devices, the NeuronCore indexes ({@code cores a device × index + bit}) of one that asked cores (then also
 *       {@code NEURON_RESOURCE_TYPE}); {@code NEURON_ALLOCATED=false} and the node.</li>
 * </ul>
 */
final class SchedulerOnlyAnnotations {

    private SchedulerOnlyAnnotations() {
    }

    static Map<String, String> of(DeviceType type, Pod pod, NodeSnapshot node, List<List<Pick>> perContainer) {
        var out = new LinkedHashMap<String, String>();
        if (perContainer == null) {
            return out;
        }
        List<Container> containers = new ArrayList<>(KubeObjects.initContainers(pod));
        containers.addAll(KubeObjects.containers(pod));
        switch (type.kind()) {
            case KUNLUN -> {
                if (!type.descriptor().sharesMemory()) {
                    for (List<Pick> picks : perContainer) {
                        if (!picks.isEmpty()) {
                            var idx = new StringJoiner(",");
                            picks.forEach(p -> idx.add(Integer.toString(node.device(p.device()).index())));
                            out.put(KunlunAnnotations.DEVICE_INDEX, idx.toString());
                        }
                    }
                }
            }
            case ENFLAME_DRS -> enflame(type, node, perContainer, containers, out);
            case AWS_NEURON -> neuron(type, node, perContainer, containers, out);
            default -> { }
        }
        return out;
    }

    private static void enflame(DeviceType type, NodeSnapshot node, List<List<Pick>> perContainer,
                                List<Container> containers, Map<String, String> out) {
        var assigned = new LinkedHashMap<String, EnflameAssignments.Partition>();
        for (int c = 0; c < perContainer.size(); c++) {
            if (perContainer.get(c).isEmpty()) {
                continue;
            }
            Pick pick = perContainer.get(c).getFirst();
            DeviceSpec d = node.device(pick.device());
            var profile = EnflameDrs.profileOf(d, pick.mem(), pick.cores());
            int slices = profile == null ? 1 : profile.slices();
            String name = c < containers.size() ? KubeObjects.name(containers.get(c)) : "container-" + c;
            assigned.put(name, new EnflameAssignments.Partition(false, slices, profile == null ? "" : profile.id(),
                    profile == null ? "" : profile.name()));
            out.putIfAbsent(EnflameAnnotations.ASSIGNED_INDEX, Integer.toString(d.index()));
            out.putIfAbsent(EnflameAnnotations.ASSIGNED_ID, Integer.toString(d.index()));
            out.putIfAbsent(EnflameAnnotations.ASSIGNED_MINOR, d.custom(EnflameDrs.MINOR));
            out.putIfAbsent(EnflameAnnotations.REQUEST_SIZE, Integer.toString(slices));
        }
        if (!assigned.isEmpty()) {
            out.put(EnflameAnnotations.ASSIGNED, "false");
            out.put(EnflameAnnotations.ASSIGNED_CONTAINERS,
                    EnflameAssignmentsCodec.INSTANCE.encode(new EnflameAssignments(assigned)));
        }
    }

    private static void neuron(DeviceType type, NodeSnapshot node, List<List<Pick>> perContainer,
                               List<Container> containers, Map<String, String> out) {
        var ids = new StringJoiner(",");
        String countName = type.descriptor().resources().count();
        for (int c = 0; c < perContainer.size(); c++) {
            boolean byDevice = c < containers.size() && KubeObjects.limit(containers.get(c), countName)
                    .filter(v -> !v.equals("0")).isPresent();
            for (Pick pick : perContainer.get(c)) {
                DeviceSpec d = node.device(pick.device());
                if (byDevice) {
                    ids.add(Integer.toString(d.index()));
                    continue;
                }
                for (int bit = 0; bit < 31; bit++) {
                    if ((pick.cores() & (1 << bit)) != 0) {
                        ids.add(Long.toString((long) d.count() * d.index() + bit));
                        out.put(NeuronAnnotations.RESOURCE_TYPE, type.descriptor().resources().cores().orElseThrow());
                    }
                }
            }
        }
        if (ids.length() > 0) {
            out.put(NeuronAnnotations.ASSIGNED_IDS, ids.toString());
            out.put(NeuronAnnotations.ALLOCATED, "false");
            out.put(NeuronAnnotations.PREDICATE_NODE, node.name());
        }
    }
}

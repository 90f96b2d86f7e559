package io.hami.scheduler.filter;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.fit.NodeFit;
import io.hami.scheduler.fit.Pick;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.usage.PodUsageReader;
import io.hami.scheduler.usage.UsageCollapse;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the chosen node's picks into the allocation annotations and the reservation. MIG picks also give
 * {@code hami.io/vgpu-mig-allocations} (docs/protocol.md): one reservation per MIG device, its container entry's
 * position in the allocation value and the device's position in that entry.
 */
final class Allocations {

    private Allocations() {
    }

    /**
     * The {@code Type} of an allocation entry: the common word, except AMD's, which names the GPU's registered model
     * (HAMi keeps it for whoever reports the pod's GPUs) when that model can be written into the entry.
     */
    private static String entryType(DeviceType type, DeviceSpec d) {
        boolean model = type.kind() == DeviceType.Kind.AMD && !d.model().isEmpty()
                && d.model().chars().allMatch(c -> ContainerDevice.isTokenChar((char) c));
        return model ? d.model() : type.commonWord();
    }

    static FilterResult scheduled(Pod pod, PodRequest request, PodOptions options, NodeFit best,
                                  List<FilterResult.ScoredNode> scored, Map<String, String> failed) {
        var allocations = new ArrayList<TypeAllocation>();
        Map<String, List<DeviceUse>> held = new HashMap<>();
        var mig = new ArrayList<MigAllocation>();
        for (DeviceType type : request.types()) {
            List<List<Pick>> perContainer = best.picks().get(type.ordinal());
            var containers = new ArrayList<ContainerDevices>(request.containers().size());
            var indexes = new ArrayList<List<Integer>>(request.containers().size());
            var typeMig = new ArrayList<MigAllocation>();
            for (int c = 0; c < request.containers().size(); c++) {
                var devices = new ArrayList<ContainerDevice>();
                var positions = new ArrayList<Integer>();
                for (Pick p : perContainer == null ? List.<Pick>of() : perContainer.get(c)) {
                    DeviceSpec d = best.node().device(p.device());
                    if (p.mig() != null) {
                        typeMig.add(new MigAllocation(c, devices.size(), d.id(), p.mig().profile().name(),
                                p.mig().placement(), null));
                    }
                    devices.add(new ContainerDevice(d.id(), entryType(type, d), p.mem(), p.cores()));
                    positions.add(d.index());
                }
                containers.add(new ContainerDevices(devices));
                indexes.add(positions);
            }
            var devices = new PodDevices(containers);
            Map<String, String> vendorKeys = SchedulerOnlyAnnotations.of(type, pod, best.node(), perContainer);
            if (!typeMig.isEmpty()) {
                vendorKeys = new HashMap<>(vendorKeys);
                vendorKeys.put(HamiAnnotations.MIG_ALLOCATIONS,
                        MigAllocationsCodec.INSTANCE.encode(new MigAllocations(typeMig)));
                mig.addAll(typeMig);
            }
            allocations.add(new TypeAllocation(type, devices, indexes, options.ascendSoft(), vendorKeys));
            var uses = UsageCollapse.collapse(devices, request.initCount(), false);
            if (!uses.isEmpty()) {
                held.put(type.id(), uses);
            }
        }
        boolean sgpus = request.types().stream().anyMatch(t -> t.kind() == DeviceType.Kind.METAX_SGPU);
        var reservation = new PodUsage(KubeObjects.uid(pod), KubeObjects.namespace(pod), KubeObjects.name(pod),
                best.node().name(), held, false, sgpus ? PodUsageReader.metaxQos(KubeObjects.annotations(pod)) : "",
                sgpus ? PodUsageReader.metaxClass(KubeObjects.annotations(pod)) : Optional.empty(), mig, "");
        return new FilterResult(FilterResult.Kind.SCHEDULED, Optional.of(best.node().name()), best.score(),
                allocations, failed, scored, Optional.of(reservation), "");
    }
}

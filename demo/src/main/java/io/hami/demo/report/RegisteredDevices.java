package io.hami.demo.report;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.model.annotation.EnflameDrsCapacityCodec;
import io.hami.model.annotation.LegacyNodeRegisterCodec;
import io.hami.model.annotation.MetaxSgpuDevicesCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.MetaxSgpuDevice;
import io.hami.model.device.NodeDevice;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.RegisterFormat;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.EnflameDrs;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The devices a node registered, of every device type, as the scheduler learns them: a type with a register
 * annotation through the model's codec of its format (HAMi's JSON, the legacy colon form, MetaX's sGPU JSON, Enflame's
 * DRS capacity, whose cards become devices as the scheduler makes them); a type
 * the scheduler learns from the node's capacity (Cambricon, Moore Threads, MetaX whole GPUs) from the devices the
 * scheduler publishes in its {@code /metrics} ({@code hami_gpu_memory_limit_bytes}, {@code hami_gpu_core_limit_ratio}),
 * where they carry the ids it made up for them ({@link CapacityIds}) and no slot count.
 */
final class RegisteredDevices {

    private static final double MIB = 1024.0 * 1024.0;

    /**
     * One registered device.
     *
     * @param count slots; 0 where the scheduler publishes none
     * @param model the type as registered (the model name, or the type's common word)
     * @param mode  the sharing mode it registered ({@code mig} for a GPU of dynamic MIG), empty where none is
     */
    record Device(VendorDescriptor type, String id, int index, String model, int count, int memoryMiB, int cores,
                  String mode) {
    }

    private final Vendors types;
    private final List<PromText.Sample> scheduler;

    /**
     * @param schedulerMetrics the scheduler's {@code /metrics} text (empty when it could not be read: the types learnt
     *                         from capacity then show no devices)
     */
    RegisteredDevices(Vendors types, String schedulerMetrics) {
        this.types = types;
        List<PromText.Sample> samples;
        try {
            samples = schedulerMetrics.isEmpty() ? List.of() : PromText.parse(schedulerMetrics);
        } catch (IllegalArgumentException e) {
            samples = List.of();
        }
        this.scheduler = samples;
    }

    /** The node's devices by type (catalog order), then index; a type whose annotation is unreadable adds a problem. */
    List<Device> of(Node node, List<String> problems) {
        var annotations = node.getMetadata().getAnnotations() == null ? Map.<String, String>of()
                : node.getMetadata().getAnnotations();
        var devices = new ArrayList<Device>();
        for (var type : types.all()) {
            var found = new ArrayList<Device>();
            try {
                if (type.registerFormat() == RegisterFormat.NODE_CAPACITY) {
                    found.addAll(fromScheduler(node.getMetadata().getName(), type));
                } else {
                    String wire = annotations.get(type.annotations().nodeRegister().orElseThrow());
                    if (wire != null) {
                        found.addAll(decode(type, node.getMetadata().getName(), wire));
                    }
                }
            } catch (WireFormatException e) {
                problems.add(type.annotations().nodeRegister().orElse(type.id()) + ": " + e.getMessage());
            }
            found.sort(Comparator.comparingInt(Device::index));
            devices.addAll(found);
        }
        if (devices.isEmpty() && problems.isEmpty()) {
            problems.add("no devices registered");
        }
        return devices;
    }

    private static List<Device> decode(VendorDescriptor type, String node, String wire) throws WireFormatException {
        var out = new ArrayList<Device>();
        switch (type.registerFormat()) {
            case JSON, LEGACY -> {
                var registration = type.registerFormat() == RegisterFormat.JSON ? NodeRegisterCodec.INSTANCE.decode(wire)
                        : LegacyNodeRegisterCodec.INSTANCE.decode(wire);
                for (NodeDevice d : registration.devices()) {
                    out.add(new Device(type, d.id(), d.index(), d.type(), d.count(), d.devmem(), d.devcore(), d.mode()));
                }
            }
            case METAX_JSON -> {
                var cards = MetaxSgpuDevicesCodec.INSTANCE.decode(wire).devices();
                for (int i = 0; i < cards.size(); i++) {
                    MetaxSgpuDevice d = cards.get(i);
                    out.add(new Device(type, d.uuid(), i, d.model(), d.totalDevCount(), d.totalVRam(), d.totalCompute(), ""));
                }
            }
            case ENFLAME_DRS -> {
                // one device per card, as the scheduler makes them from the cards and profiles
                var scheduling = DeviceTypes.defaults().byId(type.id()).orElseThrow();
                for (DeviceSpec d : EnflameDrs.devices(scheduling, node, EnflameDrsCapacityCodec.INSTANCE.decode(wire))) {
                    out.add(new Device(type, d.id(), d.index(), d.model(), d.count(), d.totalMem(), d.totalCores(), ""));
                }
            }
            case NODE_CAPACITY -> throw new IllegalArgumentException(type.id() + " registers no annotation");
        }
        return out;
    }

    /** The devices of {@code type} the scheduler lists for {@code node}: those with the ids it makes up for the node. */
    private List<Device> fromScheduler(String node, VendorDescriptor type) {
        var out = new ArrayList<Device>();
        for (var s : scheduler) {
            if (!s.name().equals("hami_gpu_memory_limit_bytes") || !node.equals(s.labels().get("node"))) {
                continue;
            }
            String id = s.labels().getOrDefault("device_uuid", "");
            if (CapacityIds.index(node, type.vendor(), id).isEmpty()) {
                continue;
            }
            int cores = (int) scheduler.stream().filter(c -> c.name().equals("hami_gpu_core_limit_ratio")
                    && node.equals(c.labels().get("node")) && id.equals(c.labels().get("device_uuid")))
                    .mapToDouble(PromText.Sample::value).findFirst().orElse(0);
            int index;
            try {
                index = Integer.parseInt(s.labels().getOrDefault("device_index", ""));
            } catch (NumberFormatException e) {
                index = CapacityIds.index(node, type.vendor(), id).getAsInt();
            }
            out.add(new Device(type, id, index, s.labels().getOrDefault("device_type", type.commonWord()), 0,
                    (int) Math.round(s.value() / MIB), cores, ""));
        }
        return out;
    }
}

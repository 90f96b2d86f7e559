package io.hami.cli.annotation;

import io.hami.cli.UserInputException;
import io.hami.model.annotation.EnflameDrsCapacityCodec;
import io.hami.model.annotation.AscendRuntimeInfoCodec;
import io.hami.model.annotation.CambriconProfileCodec;
import io.hami.model.annotation.CambriconProfileInstanceCodec;
import io.hami.model.annotation.EnflameAssignmentsCodec;
import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.HandshakeCodec;
import io.hami.model.annotation.LegacyNodeRegisterCodec;
import io.hami.model.annotation.MetaxSgpuAllocationCodec;
import io.hami.model.annotation.MetaxSgpuDevicesCodec;
import io.hami.model.annotation.MetaxTopologyCodec;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.MthreadsGpuIndexCodec;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.NodeSchedulerPolicyCodec;
import io.hami.model.annotation.NodeScoreCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.annotation.ScoringWeightsCodec;
import io.hami.model.config.DeviceConfigCodec;
import io.hami.model.vendor.RegisterFormat;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import io.hami.model.wire.WireCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The formats {@code hami annotation} knows, and which device types write each of them. A format that is
 * per device type checks {@code --vendor} (default {@code nvidia}); one that is not rejects it.
 */
final class AnnotationFormats {

    /** A format, its codec, and the device types whose components write it (none: not per vendor). */
    private record Entry(String name, WireCodec<?> codec, Optional<Predicate<VendorDescriptor>> writtenBy, String whoWrites) {
    }

    private static final List<Entry> ENTRIES = List.of(
            perVendor("node-register", NodeRegisterCodec.INSTANCE, d -> d.registerFormat() == RegisterFormat.JSON,
                    "device types that register as JSON (nvidia, ascend-*, kunlun-vxpu, amd, vastai, biren)"),
            perVendor("enflame-drs-capacity", EnflameDrsCapacityCodec.INSTANCE,
                    d -> d.registerFormat() == RegisterFormat.ENFLAME_DRS, "enflame-drs"),
            perVendor("node-register-legacy", LegacyNodeRegisterCodec.INSTANCE,
                    d -> d.registerFormat() == RegisterFormat.LEGACY || d.vendor() == Vendor.NVIDIA,
                    "hygon, iluvatar-* and nvidia up to HAMi v2.7"),
            perVendor("node-score", NodeScoreCodec.INSTANCE, d -> d.vendor() == Vendor.NVIDIA, "nvidia"),
            perVendor("node-lock", NodeLockCodec.INSTANCE, d -> d.annotations().nodeLock().isPresent(),
                    "device types that lock nodes (nvidia, ascend-*, hygon, iluvatar-*, metax-sgpu, kunlun-vxpu, amd, vastai,"
                            + " biren; cambricon's lock is a bare time)"),
            perVendor("handshake", HandshakeCodec.INSTANCE, d -> d.annotations().handshake().isPresent(),
                    "device types with a handshake key (nvidia, ascend-*, hygon, iluvatar-*, kunlun-vxpu, vastai, biren)"),
            perVendor("pod-devices", PodDevicesCodec.INSTANCE, d -> true, "every device type"),
            perVendor("metax-sgpu-devices", MetaxSgpuDevicesCodec.INSTANCE,
                    d -> d.registerFormat() == RegisterFormat.METAX_JSON, "metax-sgpu"),
            perVendor("metax-gpu-topology", MetaxTopologyCodec.INSTANCE, d -> d.id().equals("metax-gpu"), "metax-gpu"),
            perVendor("metax-sgpu-allocation", MetaxSgpuAllocationCodec.INSTANCE, d -> d.id().equals("metax-sgpu"),
                    "metax-sgpu"),
            perVendor("cambricon-dsmlu-profile", CambriconProfileCodec.INSTANCE, d -> d.vendor() == Vendor.CAMBRICON,
                    "cambricon"),
            perVendor("cambricon-dsmlu-profile-instance", CambriconProfileInstanceCodec.INSTANCE,
                    d -> d.vendor() == Vendor.CAMBRICON, "cambricon"),
            perVendor("ascend-runtime-info", AscendRuntimeInfoCodec.INSTANCE, d -> d.vendor() == Vendor.ASCEND,
                    "ascend-*"),
            perVendor("mthreads-gpu-index", MthreadsGpuIndexCodec.INSTANCE, d -> d.vendor() == Vendor.MTHREADS,
                    "mthreads"),
            perVendor("enflame-assigned-containers", EnflameAssignmentsCodec.INSTANCE, d -> d.vendor() == Vendor.ENFLAME,
                    "enflame-*"),
            perVendor("mig-allocations", MigAllocationsCodec.INSTANCE, d -> d.vendor() == Vendor.NVIDIA, "nvidia"),
            shared("scoring-weights", ScoringWeightsCodec.INSTANCE),
            shared("gpu-scheduler-policy", GpuSchedulerPolicyCodec.INSTANCE),
            shared("node-scheduler-policy", NodeSchedulerPolicyCodec.INSTANCE),
            shared("device-config", DeviceConfigCodec.INSTANCE));

    private AnnotationFormats() {
    }

    private static Entry perVendor(String name, WireCodec<?> codec, Predicate<VendorDescriptor> writtenBy, String who) {
        return new Entry(name, codec, Optional.of(writtenBy), who);
    }

    private static Entry shared(String name, WireCodec<?> codec) {
        return new Entry(name, codec, Optional.empty(), "");
    }

    /** The codec for a format and an optional device type, or the reason the pair makes no sense. */
    static WireCodec<?> codec(String format, Optional<VendorDescriptor> vendor) throws UserInputException {
        var entry = ENTRIES.stream().filter(e -> e.name().equals(format)).findFirst()
                .orElseThrow(() -> new UserInputException("--format: unknown format \"" + format + "\" (known: "
                        + String.join(", ", names()) + ")"));
        if (entry.writtenBy().isEmpty()) {
            if (vendor.isPresent()) {
                throw new UserInputException("--vendor: format " + format + " is the same for every device type; leave --vendor out");
            }
            return entry.codec();
        }
        var type = vendor.orElseGet(() -> Vendors.defaults().byId("nvidia").orElseThrow());
        if (!entry.writtenBy().get().test(type)) {
            throw new UserInputException("--vendor: device type " + type.id() + " has no " + format
                    + " annotation (it is written for " + entry.whoWrites() + ")");
        }
        return entry.codec();
    }

    static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /** Completion candidates for picocli's help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return new ArrayList<>(names()).iterator();
        }
    }
}

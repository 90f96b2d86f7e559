package io.hami.scheduler.request;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.GoBool;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicyCodec;
import io.hami.model.annotation.ScoringWeights;
import io.hami.model.annotation.ScoringWeightsCodec;
import io.hami.model.annotation.TypeFilter;
import io.hami.model.annotation.UuidFilter;
import io.hami.model.annotation.VgpuModeFilter;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.MetaxAnnotations;
import io.hami.model.protocol.MetaxAppClass;
import io.hami.model.protocol.MetaxQos;
import io.hami.model.protocol.NvidiaAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.Vendors;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pod's {@link PodOptions}. The policy and weight annotations go through the model's codecs; an invalid one
 * fails the whole filter call with a {@link RequestException} (HAMi fails on invalid weights too, and would silently
 * read a mistyped policy as {@code spread}/{@code binpack}). {@code nvidia.com/numa-bind} is HAMi's Go bool, where
 * anything unreadable means false; so is {@code metax-tech.com/sgpu-topology-aware}, where anything unreadable leaves
 * the device config's setting. A device of either Kunlunxin type must pass both Kunlunxin pairs of UUID annotations,
 * whole XPUs' and vXPUs' (HAMi: {@code pkg/device/kunlun/device.go}, {@code vdevice.go}); every other type its own pair.
 */
public final class PodOptionsReader {

    private PodOptionsReader() {
    }

    /**
     * The pod's options.
     *
     * @param gpuDefault  the {@code --gpu-scheduler-policy} flag
     * @param nodeDefault the {@code --node-scheduler-policy} flag
     */
    public static PodOptions read(Pod pod, DeviceTypes types, GpuSchedulerPolicy gpuDefault,
                                  NodeSchedulerPolicy nodeDefault) throws RequestException {
        Map<String, String> a = KubeObjects.annotations(pod);
        GpuSchedulerPolicy gpu = decode(a, HamiAnnotations.GPU_SCHEDULER_POLICY, GpuSchedulerPolicyCodec.INSTANCE, gpuDefault);
        NodeSchedulerPolicy node = decode(a, HamiAnnotations.NODE_SCHEDULER_POLICY, NodeSchedulerPolicyCodec.INSTANCE, nodeDefault);
        ScoringWeights weights = decode(a, HamiAnnotations.DEVICE_SCORING_WEIGHTS, ScoringWeightsCodec.INSTANCE, ScoringWeights.DEFAULT);
        boolean numaBind = false;
        if (a.containsKey(NvidiaAnnotations.NUMA_BIND)) {
            try {
                numaBind = GoBool.INSTANCE.decode(a.get(NvidiaAnnotations.NUMA_BIND));
            } catch (WireFormatException e) {
                numaBind = false;
            }
        }
        var uuids = new ArrayList<UuidFilter>(types.size());
        var models = new ArrayList<TypeFilter>(types.size());
        for (DeviceType t : types.all()) {
            var keys = t.descriptor().annotations();
            UuidFilter uuid = uuidFilter(a, keys);
            if (t.kind() == DeviceType.Kind.KUNLUN) {
                for (var kunlun : Vendors.defaults().of(Vendor.KUNLUNXIN)) {
                    uuid = uuid.and(uuidFilter(a, kunlun.annotations()));
                }
            }
            uuids.add(uuid);
            models.add(TypeFilter.fromAnnotations(keys.useType().map(a::get).orElse(null),
                    keys.noUseType().map(a::get).orElse(null)));
        }
        boolean soft = AscendAnnotations.softSplit(a);
        boolean online = MetaxAppClass.ONLINE.wire().equals(a.get(MetaxAnnotations.APP_CLASS));
        String qos = online ? "" : a.getOrDefault(MetaxAnnotations.QOS_POLICY, MetaxQos.DEFAULT.wire());
        Optional<Boolean> metaxTopology = Optional.empty();
        if (a.containsKey(MetaxAnnotations.TOPOLOGY_AWARE)) {
            try {
                metaxTopology = Optional.of(GoBool.INSTANCE.decode(a.get(MetaxAnnotations.TOPOLOGY_AWARE)));
            } catch (WireFormatException e) {
                metaxTopology = Optional.empty();
            }
        }
        return new PodOptions(gpu, node, weights, numaBind, VgpuModeFilter.fromAnnotation(a.get(NvidiaAnnotations.VGPU_MODE)), uuids,
                models, soft, qos, MetaxAppClass.of(a.get(MetaxAnnotations.APP_CLASS)), metaxTopology);
    }

    private static UuidFilter uuidFilter(Map<String, String> a, AnnotationKeys keys) {
        return UuidFilter.fromAnnotations(keys.useUuid().map(a::get).orElse(null),
                keys.noUseUuid().map(a::get).orElse(null));
    }

    private static <T> T decode(Map<String, String> annotations, String key, WireCodec<T> codec, T fallback)
            throws RequestException {
        String value = annotations.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return codec.decode(value);
        } catch (WireFormatException e) {
            throw new RequestException("annotation " + key + ": " + e.getMessage(), e);
        }
    }
}

package io.hami.testfixtures.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;

/**
 * Pods as HAMi's scheduler leaves them after a bind, for tests of what runs on the node: the node lock taken
 * for the pod, the pod's devices in both allocation annotations, bind phase {@code allocating}, the
 * {@code hami.io/vgpu-node} annotation and label, bound to the node, Pending.
 */
public final class ScheduledPods {
    /** NVIDIA's device type with HAMi's default names. */
    public static final VendorDescriptor NVIDIA = Vendors.defaults().byId("nvidia").orElseThrow();

    private ScheduledPods() {
    }

    /** A container asking for {@code count} of {@code nvidia.com/gpu} (nothing when 0). */
    public static Container gpuContainer(String name, int count) {
        var c = new ContainerBuilder().withName(name).withImage("cuda");
        if (count > 0) {
            c.withNewResources().addToLimits(NVIDIA.resources().count(), new Quantity(Integer.toString(count))).endResources();
        }
        return c.build();
    }

    /** Locks {@code node} for the pod and creates the pod, bound, with {@code devices} (NVIDIA's annotations). */
    public static Pod bind(KubernetesClient client, String node, String namespace, String name, List<Container> init,
            List<Container> app, PodDevices devices) {
        var encoded = PodDevicesCodec.INSTANCE.encode(devices);
        var annotations = new HashMap<String, String>();
        annotations.put(HamiAnnotations.VGPU_NODE, node);
        annotations.put(HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire());
        annotations.put(HamiAnnotations.BIND_TIME, Long.toString(System.currentTimeMillis() / 1000));
        annotations.put(NVIDIA.annotations().devicesToAllocate(), encoded);
        annotations.put(NVIDIA.annotations().devicesAllocated(), encoded);
        var lock = NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC), new PodRef(namespace, name)));
        var patch = new NodeBuilder().withNewMetadata().addToAnnotations(AnnotationKeys.HAMI_NODE_LOCK, lock).endMetadata().build();
        client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
        var pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels(HamiAnnotations.VGPU_NODE, node).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(node).withInitContainers(init).withContainers(app).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    /** A pod bound to {@code node} without any of HAMi's annotations, as if no HAMi scheduler had seen it. */
    public static Pod bindPlain(KubernetesClient client, String node, String namespace, String name, List<Container> app) {
        var pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withNodeName(node).withContainers(app).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        return client.pods().inNamespace(namespace).resource(pod).create();
    }
}

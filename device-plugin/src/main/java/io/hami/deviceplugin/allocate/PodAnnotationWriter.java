package io.hami.deviceplugin.allocate;


import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.annotation.PodRef;
import io.hami.model.kube.LeanPod;
import io.hami.model.vendor.VendorDescriptor;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod writes of {@code Allocate}, each one JSON merge patch of annotations: the commit (the emptied
 * allocation entries and, when nothing is left, {@code bind-phase=success}) and the failure
 * ({@code bind-phase=failed}, plus a Warning event that carries the reason for {@code kubectl describe}).
 */
public final class PodAnnotationWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PodAnnotationWriter.class);
    private static final String COMPONENT = "hami-device-plugin";

    private final KubernetesClient client;
    private final VendorDescriptor vendor;
    private final String nodeName;
    private final Clock clock;
    private final Function<AllocationPlan, Map<String, String>> extra;

    public PodAnnotationWriter(KubernetesClient client, VendorDescriptor vendor, String nodeName, Clock clock) {
        this(client, vendor, nodeName, clock, plan -> Map.of());
    }

    /**
     * @param extra pod annotations the vendor's plugin writes with each successful {@code Allocate}
     */
    public PodAnnotationWriter(KubernetesClient client, VendorDescriptor vendor, String nodeName, Clock clock,
                               Function<AllocationPlan, Map<String, String>> extra) {
        this.extra = Objects.requireNonNull(extra, "extra");
        this.client = Objects.requireNonNull(client, "client");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the plan's outcome in one patch. */
    public void commit(AllocationPlan plan) {
        var annotations = new LinkedHashMap<String, String>(extra.apply(plan));
        annotations.put(vendor.annotations().devicesToAllocate(), PodDevicesCodec.INSTANCE.encode(plan.remaining()));
        if (plan.complete()) {
            annotations.put(HamiAnnotations.BIND_PHASE, BindPhase.SUCCESS.wire());
        }
        patch(plan.pod(), annotations);
    }

    /** Marks the pod's bind phase failed and records why; a failure to do so is logged, never thrown. */
    public void failed(PodRef pod, String reason) {
        try {
            patch(pod, Map.of(HamiAnnotations.BIND_PHASE, BindPhase.FAILED.wire()));
        } catch (KubernetesClientException e) {
            LOG.warn("could not mark pod {} bind-phase failed: {}", pod, e.getMessage());
        }
        try {
            event(pod, reason);
        } catch (KubernetesClientException e) {
            LOG.warn("could not record the failure event of pod {}: {}", pod, e.getMessage());
        }
    }

    private void patch(PodRef pod, Map<String, String> annotations) {
        var body = new LeanPod(new ObjectMetaBuilder().withAnnotations(annotations).build());
        // Naming the pod by an item (not withName) keeps fabric8 from reading it before the patch.
        var target = new LeanPod(new ObjectMetaBuilder().withNamespace(pod.namespace()).withName(pod.name()).build());
        client.resources(LeanPod.class).inNamespace(pod.namespace()).resource(target)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(body));
    }

    private void event(PodRef pod, String reason) {
        var now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        var event = new EventBuilder()
                .withNewMetadata().withNamespace(pod.namespace())
                .withName(pod.name() + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withNamespace(pod.namespace()).withName(pod.name()).endInvolvedObject()
                .withType("Warning").withReason("HamiAllocateFailed").withMessage(reason)
                .withNewSource().withComponent(COMPONENT).withHost(nodeName).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now)
                .withCount(1)
                .build();
        client.v1().events().inNamespace(pod.namespace()).resource(event).create();
    }
}

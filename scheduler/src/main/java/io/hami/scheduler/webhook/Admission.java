package io.hami.scheduler.webhook;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.vendor.Vendor;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The mutating webhook's decision for a pod being created (docs/scheduler.md, "Webhook"), as a pure function: the pod,
 * its namespace, the settings and the namespace quotas in; the mutated pod or a refusal out.
 *
 * <ol>
 *   <li>A pod without containers is denied; a pod that names another scheduler is left alone.</li>
 *   <li>Every container, init containers first, is defaulted per device type ({@link ContainerDefaults}, the
 *       vendors' own rules in {@link VendorDefaults}); a type's count resource in {@code limits} marks the pod as
 *       asking for devices. A vendor rule the container breaks refuses the pod (code 400; HAMi answers 500).</li>
 *   <li>Such a pod is denied when a container is privileged or {@code spec.nodeName} is preset; otherwise it gets
 *       {@code schedulerName}, and its requests must fit the namespace's device quotas.</li>
 * </ol>
 * Deviation: HAMi drops a container request it cannot read (memory {@code 16Gi}, a fraction) and admits the pod,
 * which then never gets devices; here the pod is refused with the reason (code 400).
 */
public final class Admission {

    /** The default scheduler's name, which the webhook overwrites when asked to. */
    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    /**
     * The webhook's settings.
     *
     * @param schedulerName   {@code --scheduler-name} (empty: never set)
     * @param forceOverwrite  {@code --force-overwrite-default-scheduler}
     * @param types           the device types
     * @param nvidia          the device config's {@code nvidia:} section, when configured
     */
    public record Settings(String schedulerName, boolean forceOverwrite, DeviceTypes types,
                           Optional<NvidiaConfig> nvidia) {
        public Settings {
            Objects.requireNonNull(schedulerName, "schedulerName");
            Objects.requireNonNull(types, "types");
            Objects.requireNonNull(nvidia, "nvidia");
        }
    }

    /** What the webhook answers. */
    public sealed interface Decision {
    }

    /**
     * Admit the pod as {@code pod} (the original when nothing changed).
     *
     * @param message why it was left alone, or empty
     */
    public record Allow(Pod pod, String message) implements Decision {
    }

    /**
     * Refuse the pod.
     *
     * @param code 403 for a policy refusal, 400 or 500 for an error
     */
    public record Deny(int code, String message) implements Decision {
    }

    private Admission() {
    }

    /** Reviews a pod being created in {@code namespace}. */
    public static Decision review(Pod original, String namespace, Settings settings, QuotaBook quotas) {
        if (KubeObjects.containers(original).isEmpty()) {
            return new Deny(403, "pod has no containers");
        }
        String current = original.getSpec().getSchedulerName();
        if (current != null && !current.isEmpty()
                && (!current.equals(DEFAULT_SCHEDULER) || !settings.forceOverwrite())
                && (settings.schedulerName().isEmpty() || !current.equals(settings.schedulerName()))) {
            return new Allow(original, "pod already has different scheduler assigned");
        }
        Pod pod = new PodBuilder(original).build();
        var containers = KubeObjects.inAnnotationOrder(pod);
        boolean devices = false;
        try {
            for (Container c : containers) {
                boolean ascend = false;
                for (DeviceType type : settings.types().all()) {
                    boolean nvidia = type.is(Vendor.NVIDIA) && settings.nvidia().isPresent();
                    boolean asks = nvidia ? ContainerDefaults.nvidia(c, pod, type, settings.nvidia().get())
                            : VendorDefaults.apply(c, pod, type);
                    ascend |= asks && type.kind() == DeviceType.Kind.ASCEND;
                    devices |= asks;
                }
                VendorDefaults.hideAscend(c, settings.types().all(), ascend);
            }
        } catch (IllegalArgumentException e) {
            return new Deny(500, e.getMessage());
        } catch (RequestException e) {
            return new Deny(400, e.getMessage());
        }
        if (!devices) {
            return new Allow(pod, "");
        }
        for (Container c : containers) {
            if (c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged())) {
                return new Deny(403, "container " + KubeObjects.name(c) + " is privileged");
            }
        }
        if (!settings.schedulerName().isEmpty()) {
            pod.getSpec().setSchedulerName(settings.schedulerName());
            if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
                return new Deny(403, "pod has node assigned");
            }
        }
        PodRequest request;
        try {
            request = RequestReader.read(pod, settings.types());
        } catch (RequestException e) {
            return new Deny(400, e.getMessage());
        }
        if (quotas.admissionExceeds(namespace, request).isPresent()) {
            return new Deny(403, "exceeding resource quota");
        }
        return new Allow(pod, "");
    }
}

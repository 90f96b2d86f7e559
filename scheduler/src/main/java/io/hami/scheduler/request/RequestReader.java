package io.hami.scheduler.request;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.quantity.Quantity;
import io.hami.model.quantity.VendorQuantities;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a pod's container resources into {@link PodRequest}s (HAMi's {@code GenerateResourceRequests} for every
 * device type; docs/scheduler.md, "Requests"). Shared steps, per container and type:
 * <ol>
 *   <li>the count resource (limits, then requests; MetaX sGPU: limits only); absent or 0: no request;</li>
 *   <li>memory in the type's unit ({@code memoryFactor}, 256 MiB, …) converted to MiB, at most 2147483647 MiB;</li>
 *   <li>the percentage (NVIDIA): above 100 reads as 100, 0 or less as "none";</li>
 *   <li>neither memory nor a percentage: the type's {@code defaultMemory}, else 100 % of each device;</li>
 *   <li>cores: the resource, else the type's default (100 for Cambricon, Hygon, MetaX sGPU).</li>
 * </ol>
 * Then the vendor adjustments of {@link VendorRequests}. Where HAMi silently drops an unreadable request (and so
 * schedules the pod without devices), this reader throws a {@link RequestException} naming the container, resource
 * and text.
 */
public final class RequestReader {

    private RequestReader() {
    }

    /** The requests of every container of the pod, init containers first. */
    public static PodRequest read(Pod pod, DeviceTypes types) throws RequestException {
        Map<String, String> annotations = KubeObjects.annotations(pod);
        var init = KubeObjects.initContainers(pod);
        var app = KubeObjects.containers(pod);
        var containers = new ArrayList<ContainerRequests>(init.size() + app.size());
        for (Container c : init) {
            containers.add(new ContainerRequests(KubeObjects.name(c), true, container(c, types, annotations)));
        }
        for (Container c : app) {
            containers.add(new ContainerRequests(KubeObjects.name(c), false, container(c, types, annotations)));
        }
        return new PodRequest(containers, init.size());
    }

    private static List<ContainerRequest> container(Container c, DeviceTypes types, Map<String, String> annotations)
            throws RequestException {
        var requests = new ArrayList<ContainerRequest>();
        for (DeviceType type : types.all()) {
            Optional<ContainerRequest> r = read(c, type, annotations);
            if (r.isPresent()) {
                requests.add(r.get());
            }
        }
        return requests;
    }

    /** The request of one container for one type, empty when it asks for none. */
    public static Optional<ContainerRequest> read(Container c, DeviceType type, Map<String, String> podAnnotations)
            throws RequestException {
        var names = type.descriptor().resources();
        boolean limitsOnly = type.kind() == DeviceType.Kind.METAX_SGPU;
        Optional<String> countText = limitsOnly ? KubeObjects.limit(c, names.count()) : KubeObjects.resource(c, names.count());
        String container = KubeObjects.name(c);
        if (countText.isEmpty()) {
            return VendorRequests.withoutCount(container, c, type);
        }
        int count = number(container, names.count(), countText.get(), Kind.COUNT, 0);
        if (count == 0) {
            return Optional.empty();
        }
        int memory = 0;
        if (names.memory().isPresent()) {
            String name = names.memory().get();
            Optional<String> text = limitsOnly ? KubeObjects.limit(c, name) : KubeObjects.resource(c, name);
            if (text.isPresent()) {
                memory = type.kind() == DeviceType.Kind.METAX_SGPU
                        ? VendorRequests.metaxMemory(container, name, text.get())
                        : number(container, name, text.get(), Kind.MEMORY, type.descriptor().memoryUnit().mib());
            }
        }
        int percent = ContainerRequest.NO_PERCENT;
        if (names.memoryPercentage().isPresent()) {
            Optional<String> text = KubeObjects.resource(c, names.memoryPercentage().get());
            if (text.isPresent()) {
                percent = percentage(container, names.memoryPercentage().get(), text.get());
            }
        }
        if (percent == ContainerRequest.NO_PERCENT && memory == 0) {
            if (type.defaultMemory() != 0) {
                memory = type.defaultMemory();
            } else {
                percent = 100;
            }
        }
        int cores = type.descriptor().defaultCores();
        if (names.cores().isPresent()) {
            String name = names.cores().get();
            Optional<String> text = limitsOnly ? KubeObjects.limit(c, name) : KubeObjects.resource(c, name);
            if (text.isPresent()) {
                cores = number(container, name, text.get(), Kind.CORES, 0);
            }
        }
        var request = new ContainerRequest(type, count, memory, percent, cores);
        return Optional.of(VendorRequests.adjust(container, request, c, podAnnotations));
    }

    private enum Kind { COUNT, MEMORY, CORES }

    private static int number(String container, String resource, String text, Kind kind, int unit)
            throws RequestException {
        try {
            Quantity q = Quantity.parse(resource, text);
            return switch (kind) {
                case COUNT, CORES -> VendorQuantities.count(resource, q);
                case MEMORY -> VendorQuantities.memoryMiB(resource, q, unit);
            };
        } catch (WireFormatException e) {
            throw new RequestException("container " + quote(container) + ": " + e.getMessage(), e);
        }
    }

    /** HAMi's reading of the percentage: an exact integer, above 100 clamped, 0 or less meaning none. */
    private static int percentage(String container, String resource, String text) throws RequestException {
        try {
            var n = Quantity.parse(resource, text).asExactLong();
            if (n.isEmpty()) {
                return ContainerRequest.NO_PERCENT;
            }
            long v = n.getAsLong();
            return v > 100 ? 100 : v > 0 ? (int) v : ContainerRequest.NO_PERCENT;
        } catch (WireFormatException e) {
            throw new RequestException("container " + quote(container) + ": " + e.getMessage(), e);
        }
    }

    static String quote(String text) {
        return WireFormatException.quote(text);
    }
}

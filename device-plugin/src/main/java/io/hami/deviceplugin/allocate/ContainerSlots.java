package io.hami.deviceplugin.allocate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.device.PodDevices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which container of a pod an entry of the allocation annotation belongs to.
 *
 * <p>The intended encoding (docs/protocol.md, "Allocation entries and containers") is positional over init containers,
 * then app containers: entry {@code i} is container {@code i}. HAMi's device plugin up to v2.8 indexed the app
 * containers alone with that position, so a pod with init containers got the wrong container's name (or none); v2.10
 * indexes the combined list, as we do. A v2.10 scheduler on nodes with model-typed devices leaves out the empty entries
 * of GPU-less containers before a GPU container, so its non-empty entries are merely in container order: the
 * {@code k}-th non-empty entry is the {@code k}-th container that asks for the resource.
 *
 * <p>Which of the two encodings a pod carries is decided on its <em>layout</em>, the allocation as the scheduler
 * wrote it ({@code …-devices-allocated}, which nobody changes; {@code …-to-allocate} loses entries as containers
 * are allocated): it is positional when every non-empty entry sits at a container asking for the resource. An
 * encoding that left an empty entry out always shifts a non-empty one onto a container that does not ask, so the
 * test cannot mistake one for the other; where they coincide, both rules give the same container.
 */
public final class ContainerSlots {

    private ContainerSlots() {
    }

    /** The pod's containers in annotation order: init containers, then app containers. */
    public static List<Container> inAnnotationOrder(Pod pod) {
        var all = new ArrayList<Container>();
        if (pod.getSpec() != null) {
            all.addAll(pod.getSpec().getInitContainers());
            all.addAll(pod.getSpec().getContainers());
        }
        return all;
    }

    /**
     * The container of entry {@code entry}.
     *
     * @param layout   the allocation as the scheduler wrote it, entries at the same positions as the entry's
     * @param resource the vendor's count resource, e.g. {@code nvidia.com/gpu}
     * @return empty when no container asking for the resource matches the entry
     */
    public static Optional<Container> containerOf(List<Container> containers, PodDevices layout, int entry,
                                                  String resource) {
        if (positional(containers, layout, resource)) {
            return entry < containers.size() && requests(containers.get(entry), resource)
                    ? Optional.of(containers.get(entry)) : Optional.empty();
        }
        int k = 0;
        for (int i = 0; i < entry && i < layout.containers().size(); i++) {
            if (!layout.containers().get(i).isEmpty()) {
                k++;
            }
        }
        var askers = containers.stream().filter(c -> requests(c, resource)).toList();
        return k < askers.size() ? Optional.of(askers.get(k)) : Optional.empty();
    }

    /** Whether every non-empty entry of the layout sits at a container that asks for the resource. */
    static boolean positional(List<Container> containers, PodDevices layout, String resource) {
        var entries = layout.containers();
        if (entries.size() > containers.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isEmpty() && !requests(containers.get(i), resource)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the container's limits (or else requests) ask for a positive amount of the resource. */
    public static boolean requests(Container container, String resource) {
        var resources = container.getResources();
        if (resources == null) {
            return false;
        }
        return positive(resources.getLimits(), resource).or(() -> positive(resources.getRequests(), resource)).orElse(false);
    }

    private static Optional<Boolean> positive(Map<String, Quantity> amounts, String resource) {
        if (amounts == null || !amounts.containsKey(resource)) {
            return Optional.empty();
        }
        try {
            return Optional.of(amounts.get(resource).getNumericalAmount().compareTo(BigDecimal.ZERO) > 0);
        } catch (IllegalArgumentException e) {
            return Optional.of(false);
        }
    }
}

package io.hami.model.protocol;

import io.hami.model.device.PodDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A pod's containers in the order of its allocation annotations, and the rule that maps an entry of
 * {@code …-devices-to-allocate} / {@code …-devices-allocated} to a container and back (docs/protocol.md,
 * "Allocation entries and containers"). The device plugin, the monitor, the demo and the scheduler all ask
 * here, so a container's limits and its metrics can never be attributed to different containers.
 *
 * <p>Two encodings exist. The intended one is positional over init containers, then app containers: entry
 * {@code i} is container {@code i}. HAMi v2.10's scheduler, on nodes with model-typed devices, leaves out the
 * empty entries of containers that ask for no device before a container that does, so its non-empty entries
 * are merely in container order: the {@code k}-th non-empty entry belongs to the {@code k}-th container asking
 * for the resource. Which one a pod carries is decided on its <em>layout</em>, the allocation as the scheduler
 * wrote it ({@code …-devices-allocated}, which nobody edits afterwards): positional when every non-empty
 * entry sits at a container asking for the resource. An encoding that left an empty entry out always shifts a
 * non-empty entry onto a container that does not ask, so the test never mistakes one for the other; where
 * they coincide, both rules give the same container.
 */
public final class PodContainers {
    private final List<PodContainer> ordered;

    private PodContainers(List<PodContainer> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    /** The pod's containers in annotation order: {@code init} (as listed), then {@code app} (as listed). */
    public static PodContainers of(List<PodContainer> init, List<PodContainer> app) {
        return new PodContainers(inAnnotationOrder(Objects.requireNonNull(init, "init"), Objects.requireNonNull(app, "app")));
    }

    /**
     * Any model of a pod's containers in annotation order: {@code init} as listed, then {@code app} as listed;
     * a null list counts as none.
     */
    public static <C> List<C> inAnnotationOrder(List<C> init, List<C> app) {
        var all = new ArrayList<C>((init == null ? 0 : init.size()) + (app == null ? 0 : app.size()));
        if (init != null) {
            all.addAll(init);
        }
        if (app != null) {
            all.addAll(app);
        }
        return all;
    }

    /**
     * The containers of a pod spec as any Kubernetes client models them.
     *
     * @param init     {@code spec.initContainers}, null for none
     * @param app      {@code spec.containers}, null for none
     * @param name     a container's name
     * @param limits   a container's {@code resources.limits}, null for none
     * @param requests a container's {@code resources.requests}, null for none
     */
    public static <C> PodContainers of(List<C> init, List<C> app, Function<C, String> name, Function<C, Map<String, ?>> limits,
            Function<C, Map<String, ?>> requests) {
        int inits = init == null ? 0 : init.size();
        var all = inAnnotationOrder(init, app);
        var out = new ArrayList<PodContainer>(all.size());
        for (int i = 0; i < all.size(); i++) {
            var c = all.get(i);
            out.add(PodContainer.of(String.valueOf(name.apply(c)), i < inits, limits.apply(c), requests.apply(c)));
        }
        return new PodContainers(out);
    }

    /** The containers in annotation order. */
    public List<PodContainer> ordered() {
        return ordered;
    }

    /**
     * The container of entry {@code entry}.
     *
     * @param layout   the allocation as the scheduler wrote it, entries at the same positions as the entry's
     * @param resource the vendor's count resource, e.g. {@code nvidia.com/gpu}
     * @return empty when no container asking for the resource matches the entry
     */
    public Optional<PodContainer> containerOf(PodDevices layout, int entry, String resource) {
        if (entry < 0) {
            return Optional.empty();
        }
        if (positional(layout, resource)) {
            return entry < ordered.size() && ordered.get(entry).asks(resource) ? Optional.of(ordered.get(entry)) : Optional.empty();
        }
        int k = 0;
        for (int i = 0; i < entry && i < layout.containers().size(); i++) {
            if (!layout.containers().get(i).isEmpty()) {
                k++;
            }
        }
        var askers = ordered.stream().filter(c -> c.asks(resource)).toList();
        return k < askers.size() ? Optional.of(askers.get(k)) : Optional.empty();
    }

    /**
     * The entry of the container named {@code container}: the inverse of {@link #containerOf}.
     *
     * @return empty when the container has no entry of its own in the layout
     */
    public OptionalInt entryOf(PodDevices layout, String container, String resource) {
        var entries = layout.containers();
        for (int e = 0; e < entries.size(); e++) {
            if (!entries.get(e).isEmpty()) {
                var owner = containerOf(layout, e, resource);
                if (owner.isPresent() && owner.get().name().equals(container)) {
                    return OptionalInt.of(e);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** Whether every non-empty entry of the layout sits at a container that asks for the resource. */
    boolean positional(PodDevices layout, String resource) {
        var entries = layout.containers();
        if (entries.size() > ordered.size()) {
            return false;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isEmpty() && !ordered.get(i).asks(resource)) {
                return false;
            }
        }
        return true;
    }
}

package io.hami.model.protocol;

import io.hami.model.quantity.Quantity;
import io.hami.model.wire.WireFormatException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the node-side contract needs to know of one container of a pod spec: its name, whether it is an init
 * container, and the extended resources it asks a positive amount of. Each daemon builds these from its own
 * Kubernetes client's objects; the rules over them live in {@link PodContainers}.
 *
 * @param name the container's name
 * @param init whether it is listed under {@code initContainers}
 * @param asks the resources whose limit (or, without a limit, request) is a positive quantity
 */
public record PodContainer(String name, boolean init, Set<String> asks) {

    public PodContainer {
        Objects.requireNonNull(name, "name");
        asks = Set.copyOf(Objects.requireNonNull(asks, "asks"));
    }

    /**
     * A container from its resource maps as the API returns them: quantities by resource name, each read from
     * its text ({@code toString()}, as a Kubernetes client's quantity prints itself). A resource counts from its
     * limit when it has one, else from its request, as kubelet defaults requests to limits for extended resources;
     * an unreadable quantity does not count.
     */
    public static PodContainer of(String name, boolean init, Map<String, ?> limits, Map<String, ?> requests) {
        var asks = new TreeSet<String>();
        if (limits != null) {
            limits.forEach((resource, amount) -> {
                if (positive(amount)) {
                    asks.add(resource);
                }
            });
        }
        if (requests != null) {
            requests.forEach((resource, amount) -> {
                if ((limits == null || !limits.containsKey(resource)) && positive(amount)) {
                    asks.add(resource);
                }
            });
        }
        return new PodContainer(name, init, asks);
    }

    /** Whether the container asks a positive amount of {@code resource}. */
    public boolean asks(String resource) {
        return asks.contains(resource);
    }

    private static boolean positive(Object amount) {
        if (amount == null) {
            return false;
        }
        try {
            return Quantity.parse(amount.toString()).value().compareTo(BigDecimal.ZERO) > 0;
        } catch (WireFormatException e) {
            return false;
        }
    }
}

package io.hami.scheduler.request;

import java.util.List;
import java.util.Objects;

/**
 * Every device request of one container, one per device type, in the catalog's type order.
 *
 * @param name     the container's name
 * @param init     whether it is an init container (they run one after the other, before the app containers)
 * @param requests its requests; empty for a container that asks for no device
 */
public record ContainerRequests(String name, boolean init, List<ContainerRequest> requests) {

    public ContainerRequests {
        Objects.requireNonNull(name, "name");
        requests = List.copyOf(requests);
        for (int i = 1; i < requests.size(); i++) {
            if (requests.get(i - 1).type().ordinal() >= requests.get(i).type().ordinal()) {
                throw new IllegalArgumentException("requests must be in type order, one per type");
            }
        }
    }

    /** Whether the container asks for no device. */
    public boolean isEmpty() {
        return requests.isEmpty();
    }

    /** The request for the type with this ordinal, or {@code null}. */
    public ContainerRequest forType(int ordinal) {
        for (ContainerRequest r : requests) {
            if (r.type().ordinal() == ordinal) {
                return r;
            }
        }
        return null;
    }
}

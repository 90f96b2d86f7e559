package io.hami.scheduler.request;

import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's device requests, one entry per container: init containers first, then app containers (HAMi's
 * {@code Resourcereqs}). Entry {@code i} is container {@code i} of that order, also for containers that ask nothing.
 *
 * @param containers per-container requests, init containers first
 * @param initCount  how many of them are init containers
 */
public record PodRequest(List<ContainerRequests> containers, int initCount) {

    public PodRequest {
        containers = List.copyOf(containers);
        if (initCount < 0 || initCount > containers.size()) {
            throw new IllegalArgumentException("initCount out of range: " + initCount);
        }
        for (int i = 0; i < containers.size(); i++) {
            if (containers.get(i).init() != (i < initCount)) {
                throw new IllegalArgumentException("container " + i + " is misplaced: init containers come first");
            }
        }
    }

    /** Whether no container asks for any device: the scheduler then passes the pod through. */
    public boolean isEmpty() {
        return containers.stream().allMatch(ContainerRequests::isEmpty);
    }

    /** The requested device types, in catalog order. */
    public List<DeviceType> types() {
        var types = new ArrayList<DeviceType>();
        for (ContainerRequests c : containers) {
            for (ContainerRequest r : c.requests()) {
                if (!types.contains(r.type())) {
                    types.add(r.type());
                }
            }
        }
        types.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        return List.copyOf(types);
    }

    /** Whether some app container (not an init container) asks for this type; HAMi locks nodes only then. */
    public boolean appContainersRequest(DeviceType type) {
        return containers.subList(initCount, containers.size()).stream()
                .anyMatch(c -> c.forType(type.ordinal()) != null);
    }
}

package io.hami.scheduler.state;

import io.hami.scheduler.usage.PodUsage;
import java.util.Map;
import java.util.Objects;

/**
 * What a filter decided for a pod, to be counted before the pod's own annotations come back through the informer.
 *
 * @param usage       the devices the pod will hold
 * @param annotations the annotations the filter patches onto the pod; the informer event that carries exactly these
 *                    confirms the reservation
 */
public record Reservation(PodUsage usage, Map<String, String> annotations) {

    public Reservation {
        Objects.requireNonNull(usage, "usage");
        annotations = Map.copyOf(annotations);
    }
}

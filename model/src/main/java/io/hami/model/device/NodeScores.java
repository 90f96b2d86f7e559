package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The value of {@code hami.io/node-nvidia-score}: topology pair scores of a node's devices, written by the device plugin
 * only when topology scoring is enabled. Its canonical JSON is a bare array. It may be empty, and HAMi does not forbid
 * two entries for the same UUID.
 *
 * @param pairs one entry per device, in the order the device plugin wrote them
 */
public record NodeScores(List<PairScore> pairs) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public NodeScores {
        pairs = Checks.copy(pairs, "pairs");
    }

    @Override
    @JsonValue
    public List<PairScore> pairs() {
        return pairs;
    }
}

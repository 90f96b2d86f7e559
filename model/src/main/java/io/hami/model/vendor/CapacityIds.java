package io.hami.model.vendor;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The device ids HAMi's scheduler makes up for the device types it learns from a node's capacity (Cambricon, Moore
 * Threads, MetaX whole GPUs, Kunlunxin whole XPUs, Enflame whole GCUs, AWS Neuron): {@code <node>-<infix><i>}, where
 * {@code i} is the card's position on the node. Those ids are what the pod's allocation annotations name, so the
 * node's plugin maps them back to its {@code i}-th device (docs/vendors.md, "Resources from node capacity").
 */
public final class CapacityIds {

    private CapacityIds() {
    }

    /** The infix of a device type that is learnt from capacity; empty for the others. */
    public static Optional<String> infix(Vendor vendor) {
        return Optional.ofNullable(switch (vendor) {
            case CAMBRICON -> "-cambricon-mlu-";
            case MTHREADS -> "-mthreads-";
            case METAX -> "-metax-";
            case KUNLUNXIN -> "-kunlun-";
            case ENFLAME -> "-GCU-";
            case AWS_NEURON -> "-AWSNeuron-";
            default -> null;
        });
    }

    /** The id of the {@code index}-th device of {@code node}. */
    public static String id(String node, Vendor vendor, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("device index must not be negative: " + index);
        }
        return Objects.requireNonNull(node, "node") + infix(vendor).orElseThrow(() -> new IllegalArgumentException(
                vendor + " devices are not learnt from node capacity")) + index;
    }

    /** The device index an id of {@code node} names; empty when it is not one of that node's ids for the vendor. */
    public static OptionalInt index(String node, Vendor vendor, String id) {
        var infix = infix(vendor);
        if (infix.isEmpty() || id == null) {
            return OptionalInt.empty();
        }
        var prefix = node + infix.get();
        if (!id.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        var digits = id.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.length() > 1 && digits.charAt(0) == '0') {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }
}

package io.hami.model.vendor;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything that distinguishes one device type from another, as data: shared logic reads a descriptor
 * instead of branching on the vendor.
 *
 * @param id             our name for the device type: {@code nvidia}, {@code ascend-910b2}, {@code iluvatar-mr-v100},
 *                       {@code metax-sgpu}, …; used on the command line
 * @param vendor         who makes it
 * @param commonWord     HAMi's device-type key (e.g. {@code NVIDIA}, {@code MLU}, {@code Ascend910B2}, {@code DCU})
 * @param resources      the resource names a container requests it by
 * @param annotations    its node and pod annotation keys
 * @param registerFormat how the node agent publishes its devices
 * @param memoryUnit     the unit of its memory resource
 * @param coresPerDevice the value of the cores resource that means one whole device (100 for percent)
 * @param defaultCores   the cores booked when a container asks for none (100 = exclusive)
 * @param library        the soname of its management library
 * @param deviceNodes    the device nodes a container of this type needs
 */
public record VendorDescriptor(
        String id,
        Vendor vendor,
        String commonWord,
        ResourceNames resources,
        AnnotationKeys annotations,
        RegisterFormat registerFormat,
        MemoryUnit memoryUnit,
        int coresPerDevice,
        int defaultCores,
        String library,
        DeviceNodes deviceNodes) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern COMMON_WORD = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    public VendorDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("device type id must be lower-case letters, digits and '-': " + id);
        }
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(commonWord, "commonWord");
        if (!COMMON_WORD.matcher(commonWord).matches()) {
            throw new IllegalArgumentException("common word may hold letters, digits, '-', '_' and '.': " + commonWord);
        }
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(registerFormat, "registerFormat");
        Objects.requireNonNull(memoryUnit, "memoryUnit");
        if (coresPerDevice < 1) {
            throw new IllegalArgumentException("coresPerDevice must be positive: " + coresPerDevice);
        }
        if (defaultCores < 0 || defaultCores > coresPerDevice) {
            throw new IllegalArgumentException("defaultCores must lie in 0.." + coresPerDevice + ": " + defaultCores);
        }
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(deviceNodes, "deviceNodes");
        if (registerFormat == RegisterFormat.NODE_CAPACITY && annotations.nodeRegister().isPresent()) {
            throw new IllegalArgumentException(id + ": devices synthesized from node capacity have no register annotation");
        }
        if (registerFormat != RegisterFormat.NODE_CAPACITY && annotations.nodeRegister().isEmpty()) {
            throw new IllegalArgumentException(id + ": register format " + registerFormat + " needs a register annotation key");
        }
    }

    /** This descriptor with another memory unit, e.g. a {@code memoryFactor} from the device config. */
    public VendorDescriptor withMemoryUnit(MemoryUnit unit) {
        return new VendorDescriptor(id, vendor, commonWord, resources, annotations, registerFormat, unit, coresPerDevice,
                defaultCores, library, deviceNodes);
    }

    /** Whether a container can ask for a part of one device's memory. */
    public boolean sharesMemory() {
        return resources.memory().isPresent();
    }
}

package io.hami.deviceplugin.register;

import io.hami.model.device.NodeDevice;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The register fields a vendor's plugin fixes whatever the sharing settings say, as data: HAMi's Hygon agent
 * writes {@code count 4, devcore 100, numa 0, mode hami}; Ascend's plugin writes the SKU's template count,
 * allocatable memory and AI cores, NUMA node 0, no mode and a network id. An empty field keeps what
 * {@link RegistrationBuilder} made of the device and the settings. Pure.
 *
 * @param count     time-slicing slots per device
 * @param devmem    MiB per device, instead of the discovered memory
 * @param devcore   compute per device in the vendor's core unit
 * @param numaZero  whether NUMA is always written as 0
 * @param mode      the sharing mode; {@code ""} leaves it out of the JSON form
 * @param networkId the Ascend {@code custominfo.NetworkID} of a device index; null for none
 * @param mig       a GPU's dynamic MIG capacity by UUID, which replaces count, memory and cores and adds the profiles;
 *                  empty for a device that is not registered for dynamic MIG
 */
public record VendorFields(OptionalInt count, OptionalInt devmem, OptionalInt devcore, boolean numaZero,
                           Optional<String> mode, IntFunction<Integer> networkId,
                           Function<String, Optional<MigCapacity>> mig) {

    /** No vendor override: everything from the device and the sharing settings (NVIDIA, Iluvatar, MetaX sGPU). */
    public static final VendorFields NONE = new VendorFields(OptionalInt.empty(), OptionalInt.empty(),
            OptionalInt.empty(), false, Optional.empty(), index -> null);

    public VendorFields {
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(devmem, "devmem");
        Objects.requireNonNull(devcore, "devcore");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(mig, "mig");
    }

    /** Fields without dynamic MIG. */
    public VendorFields(OptionalInt count, OptionalInt devmem, OptionalInt devcore, boolean numaZero,
                        Optional<String> mode, IntFunction<Integer> networkId) {
        this(count, devmem, devcore, numaZero, mode, networkId, uuid -> Optional.empty());
    }

    /** These fields, with the GPUs of {@code capacities} registered for dynamic MIG. */
    public VendorFields withMig(Map<String, MigCapacity> capacities) {
        var copy = Map.copyOf(capacities);
        return new VendorFields(count, devmem, devcore, numaZero, mode, networkId,
                uuid -> Optional.ofNullable(copy.get(uuid)));
    }

    /**
     * HAMi's Hygon DCU agent: {@code count 4, devcore 100, numa 0, mode hami}
     * (docs/vendors.md, "For the device plugin").
     */
    public static VendorFields hygon() {
        return new VendorFields(OptionalInt.of(4), OptionalInt.empty(), OptionalInt.of(100), true, Optional.of("hami"),
                index -> null);
    }

    /**
     * HAMi's Ascend plugin for one SKU (docs/vendors.md, "For the device plugin"): {@code count} = allocatable memory
     * over the smallest template's, {@code devmem} = allocatable memory, {@code devcore} = AI cores, NUMA 0, no mode;
     * 910-family chips add a network id: 0 on super-pod parts (910C), else 0 for indexes 0–3 and 1 for 4–7.
     *
     * @param smallestTemplateMiB memory of the SKU's smallest vNPU template
     */
    public static VendorFields ascend(String commonWord, int memoryAllocatableMiB, int smallestTemplateMiB, int aiCore,
                                      boolean superPod) {
        if (smallestTemplateMiB <= 0) {
            throw new IllegalArgumentException("smallest template memory must be positive: " + smallestTemplateMiB);
        }
        boolean family910 = commonWord.startsWith("Ascend910");
        IntFunction<Integer> network = !family910 ? index -> null : superPod ? index -> 0 : index -> index < 4 ? 0 : 1;
        return new VendorFields(OptionalInt.of(memoryAllocatableMiB / smallestTemplateMiB),
                OptionalInt.of(memoryAllocatableMiB), OptionalInt.of(aiCore), true, Optional.of(""), network);
    }

    /** The device with this vendor's fields in place of the builder's. */
    public NodeDevice apply(NodeDevice d) {
        var capacity = mig.apply(d.id());
        if (capacity.isPresent()) {
            var c = capacity.get();
            return new NodeDevice(d.id(), d.index(), c.count(), c.memoryMiB(), 100, d.type(), d.numa(), d.mode(),
                    d.health(), c.profiles(), null);
        }
        return new NodeDevice(d.id(), d.index(), count.orElse(d.count()), devmem.orElse(d.devmem()),
                devcore.orElse(d.devcore()), d.type(), numaZero ? 0 : d.numa(), mode.orElse(d.mode()), d.health(),
                d.migProfiles(), networkId.apply(d.index()));
    }
}

package io.hami.deviceplugin.devices;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One physical device as a {@link DeviceSource} found it: what the node registers and what kubelet is
 * offered slots of. Health is not part of it; {@link DeviceInventory} tracks that as it changes.
 *
 * @param index     the vendor library's index of the device
 * @param uuid      its stable id, e.g. {@code GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448}
 * @param type      the model as the vendor registers it, e.g. {@code NVIDIA-Tesla V100-PCIE-16GB}
 * @param memoryMiB installed memory; empty when the library cannot tell (unified memory)
 * @param numa      the NUMA node; empty when unknown
 * @param healthy   whether every fact could be read at discovery
 * @param pciBusId  its PCI address as the library gives it; empty when unknown or not needed
 * @param minor     the number of its main device node ({@code /dev/davinci<minor>}, …); empty when unknown
 * @param nodes     the device nodes a container of this device needs, shared control nodes included, as the
 *                  vendor's library reported them; empty where the vendor's runtime adds them (NVIDIA)
 */
public record PhysicalDevice(int index, String uuid, String type, OptionalLong memoryMiB, OptionalInt numa,
                             boolean healthy, Optional<String> pciBusId, OptionalInt minor, List<String> nodes) {

    /** A device whose PCI address, minor and nodes are not recorded. */
    public PhysicalDevice(int index, String uuid, String type, OptionalLong memoryMiB, OptionalInt numa, boolean healthy) {
        this(index, uuid, type, memoryMiB, numa, healthy, Optional.empty());
    }

    /** A device whose minor and nodes are not recorded. */
    public PhysicalDevice(int index, String uuid, String type, OptionalLong memoryMiB, OptionalInt numa, boolean healthy,
                          Optional<String> pciBusId) {
        this(index, uuid, type, memoryMiB, numa, healthy, pciBusId, OptionalInt.empty(), List.of());
    }

    public PhysicalDevice {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        Objects.requireNonNull(uuid, "uuid");
        if (uuid.isEmpty() || uuid.chars().anyMatch(c -> c <= ' ' || c == ',' || c == ':' || c == ';')) {
            throw new IllegalArgumentException("uuid must be a non-empty token: " + uuid);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(memoryMiB, "memoryMiB");
        Objects.requireNonNull(numa, "numa");
        Objects.requireNonNull(pciBusId, "pciBusId");
        Objects.requireNonNull(minor, "minor");
        nodes = List.copyOf(nodes);
    }
}

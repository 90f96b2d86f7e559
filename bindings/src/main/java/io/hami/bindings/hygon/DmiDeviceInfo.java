package io.hami.bindings.hygon;

/**
 * {@code dmiDeviceInfo}: a DCU or vDCU as hydmi describes it.
 *
 * @param name         its name
 * @param computeUnits compute units
 * @param memoryBytes  memory
 * @param usedBytes    memory in use
 * @param containerId  the container it is given to, 0 for none
 * @param deviceId     its id: a device index, or a vDCU id
 */
public record DmiDeviceInfo(String name, int computeUnits, long memoryBytes, long usedBytes, long containerId, int deviceId) {
}

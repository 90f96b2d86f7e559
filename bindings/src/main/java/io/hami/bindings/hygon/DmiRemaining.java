package io.hami.bindings.hygon;

/**
 * What {@code dmiGetDeviceRemainingInfo} says is left on a DCU for new vDCUs.
 *
 * @param computeUnits compute units not given to a vDCU
 * @param memoryBytes  memory not given to a vDCU
 */
public record DmiRemaining(long computeUnits, long memoryBytes) {
}

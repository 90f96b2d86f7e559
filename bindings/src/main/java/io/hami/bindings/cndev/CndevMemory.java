package io.hami.bindings.cndev;

/**
 * {@code cndevMemoryInfoV2_t}'s physical memory, in MB as CNDEV reports it (HAMi reads them as MiB).
 *
 * @param totalMb    installed memory
 * @param usedMb     memory in use
 * @param reservedMb memory the driver keeps
 */
public record CndevMemory(long totalMb, long usedMb, long reservedMb) {
}

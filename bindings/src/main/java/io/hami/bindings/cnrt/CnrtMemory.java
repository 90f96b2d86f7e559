package io.hami.bindings.cnrt;

/**
 * {@code cnrtMemGetInfo}: the current device's memory, in bytes.
 *
 * @param freeBytes  memory free for allocation
 * @param totalBytes the device's memory
 */
public record CnrtMemory(long freeBytes, long totalBytes) {

    /** Memory in use: what is not free. */
    public long usedBytes() {
        return totalBytes - freeBytes;
    }
}

package io.hami.bindings.cndev;

/**
 * One entry of {@code cndevGetProcessInfo}.
 *
 * @param pid            the process id, in the host's pid namespace
 * @param physicalKib    device memory the process holds, in KiB
 * @param virtualKib     virtual device memory, in KiB
 */
public record CndevProcess(long pid, long physicalKib, long virtualKib) {
}

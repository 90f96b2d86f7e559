package io.hami.model.vendor;

/**
 * The unit of a vendor's memory resource, as a number of MiB. HAMi's allocation annotations and the
 * shared region always count MiB; a request of {@code n} units books {@code n × mib()} MiB.
 *
 * @param mib MiB per unit, at least 1
 */
public record MemoryUnit(int mib) {
    /** NVIDIA, Hygon, Ascend: the resource is MiB. */
    public static final MemoryUnit MIB = new MemoryUnit(1);
    /** Cambricon {@code vmemory} and Iluvatar {@code vMem}. */
    public static final MemoryUnit MIB_256 = new MemoryUnit(256);
    /** Moore Threads {@code sgpu-memory}. */
    public static final MemoryUnit MIB_512 = new MemoryUnit(512);
    /** MetaX {@code vmemory}: GiB. */
    public static final MemoryUnit GIB = new MemoryUnit(1024);

    public MemoryUnit {
        if (mib < 1) {
            throw new IllegalArgumentException("memory unit must be at least 1 MiB: " + mib);
        }
    }

    /** The number of units that stays within a 32-bit MiB count, as HAMi's int32 fields require. */
    public long maxUnits() {
        return Integer.MAX_VALUE / mib;
    }
}

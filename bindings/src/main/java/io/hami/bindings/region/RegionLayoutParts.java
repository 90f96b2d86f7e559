package io.hami.bindings.region;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.SequenceLayout;

/** Pieces every region layout shares: array lengths, the opaque semaphore and the per-device arrays. */
final class RegionLayoutParts {
    /** {@code CUDA_DEVICE_MAX_COUNT}: the length of every per-device array. */
    static final int DEVICES = 16;
    /** {@code SHARED_REGION_MAX_PROCESS_NUM}: the number of process slots. */
    static final int SLOTS = 1024;
    /** {@code NVML_DEVICE_UUID_V2_BUFFER_SIZE}: the bytes of one uuid. */
    static final int UUID_BYTES = 96;

    private RegionLayoutParts() {
    }

    /** glibc's {@code sem_t}: 32 opaque bytes aligned to 8. Only HAMi-core may touch them. */
    static SequenceLayout semaphore(String name) {
        return MemoryLayout.sequenceLayout(32, JAVA_BYTE).withByteAlignment(8).withName(name);
    }

    /** {@code char uuids[16][96]}. */
    static SequenceLayout uuids() {
        return MemoryLayout.sequenceLayout(DEVICES, MemoryLayout.sequenceLayout(UUID_BYTES, JAVA_BYTE)).withName("uuids");
    }

    /** {@code uint64_t name[16]}. */
    static SequenceLayout perDevice(String name) {
        return MemoryLayout.sequenceLayout(DEVICES, JAVA_LONG).withName(name);
    }

    /** {@code uint64_t name[count]}: reserved words. */
    static SequenceLayout words(int count, String name) {
        return MemoryLayout.sequenceLayout(count, JAVA_LONG).withName(name);
    }
}

package io.hami.model.annotation;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.MigAllocations;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The MIG allocations codec carries every reservation list and survives any text. */
class MigAllocationsCodecProperties extends CodecPropertyContract<MigAllocations> {

    private static final MigAllocationsCodec CODEC = MigAllocationsCodec.INSTANCE;
    private static final String ALPHABET = "[]{}\":,-0123456789 containerIdexvcgpuUIDsftzmnl";

    @Override
    WireCodec<MigAllocations> codec() {
        return CODEC;
    }

    @Override
    Gen<MigAllocations> values() {
        return DeviceGenerators.migAllocations();
    }

    @Override
    String alphabet() {
        return ALPHABET;
    }
}

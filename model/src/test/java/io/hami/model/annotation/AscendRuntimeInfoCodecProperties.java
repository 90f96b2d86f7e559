package io.hami.model.annotation;

import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.hami.model.device.AscendRuntimeInfo;
import io.hami.model.device.AscendRuntimeInfos;
import io.hami.model.device.DeviceGenerators;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The Ascend runtime-info codec carries every device list and survives any text. */
class AscendRuntimeInfoCodecProperties extends CodecPropertyContract<AscendRuntimeInfos> {

    @Override
    WireCodec<AscendRuntimeInfos> codec() {
        return AscendRuntimeInfoCodec.INSTANCE;
    }

    @Override
    Gen<AscendRuntimeInfos> values() {
        Gen<AscendRuntimeInfo> device = DeviceGenerators.token().zip(DeviceGenerators.anyText(),
                longs().between(0, Long.MAX_VALUE), DeviceGenerators.nonNegativeInt(), AscendRuntimeInfo::new);
        return lists().of(device).ofSizeBetween(1, 4).map(AscendRuntimeInfos::new);
    }

    @Override
    String alphabet() {
        return "[]{}\":,-0123456789 UIDtempmoryc";
    }
}

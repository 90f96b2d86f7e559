package io.hami.model.annotation;

import static org.quicktheories.generators.SourceDSL.lists;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.MetaxSgpuAllocation;
import io.hami.model.device.MetaxSgpuShare;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The MetaX sGPU allocation codec carries every allocation and survives any text. */
class MetaxSgpuAllocationCodecProperties extends CodecPropertyContract<MetaxSgpuAllocation> {

    @Override
    WireCodec<MetaxSgpuAllocation> codec() {
        return MetaxSgpuAllocationCodec.INSTANCE;
    }

    @Override
    Gen<MetaxSgpuAllocation> values() {
        Gen<MetaxSgpuShare> share = DeviceGenerators.token().zip(DeviceGenerators.nonNegativeInt(),
                DeviceGenerators.nonNegativeInt(), MetaxSgpuShare::new);
        return lists().of(lists().of(share).ofSizeBetween(0, 3)).ofSizeBetween(0, 4).map(MetaxSgpuAllocation::new);
    }

    @Override
    String alphabet() {
        return "[]{}\":,-0123456789 uidcomptevRaAMnl";
    }
}

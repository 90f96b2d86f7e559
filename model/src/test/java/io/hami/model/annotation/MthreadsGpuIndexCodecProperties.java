package io.hami.model.annotation;

import static org.quicktheories.generators.SourceDSL.lists;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.MthreadsGpuIndex;
import io.hami.model.wire.WireCodec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import org.quicktheories.core.Gen;

/** The Moore Threads index codec carries every index list and survives any text. */
class MthreadsGpuIndexCodecProperties extends CodecPropertyContract<MthreadsGpuIndex> {

    @Override
    WireCodec<MthreadsGpuIndex> codec() {
        return MthreadsGpuIndexCodec.INSTANCE;
    }

    @Override
    Gen<MthreadsGpuIndex> values() {
        return lists().of(DeviceGenerators.nonNegativeInt()).ofSizeBetween(1, 6)
                .map(l -> new MthreadsGpuIndex(new ArrayList<>(new LinkedHashSet<>(l))));
    }

    @Override
    String alphabet() {
        return ",0123456789-+ ";
    }
}

package io.hami.model.annotation;

import io.hami.model.device.CambriconProfile;
import io.hami.model.device.DeviceGenerators;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The Cambricon profile codec carries every profile and survives any text. */
class CambriconProfileCodecProperties extends CodecPropertyContract<CambriconProfile> {

    @Override
    WireCodec<CambriconProfile> codec() {
        return CambriconProfileCodec.INSTANCE;
    }

    @Override
    Gen<CambriconProfile> values() {
        Gen<Integer> n = DeviceGenerators.nonNegativeInt();
        return n.zip(n, n, CambriconProfile::new);
    }

    @Override
    String alphabet() {
        return "_0123456789-+ ,";
    }
}

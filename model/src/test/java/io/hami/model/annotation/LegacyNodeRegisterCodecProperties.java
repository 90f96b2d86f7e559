package io.hami.model.annotation;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.NodeRegistration;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The legacy register codec carries every registration it can encode and survives any text. */
class LegacyNodeRegisterCodecProperties extends CodecPropertyContract<NodeRegistration> {

    private static final LegacyNodeRegisterCodec CODEC = LegacyNodeRegisterCodec.INSTANCE;
    private static final String ALPHABET = ",:,:;0123456789-+ tTrueFfalsGPU\u0660";

    @Override
    WireCodec<NodeRegistration> codec() {
        return CODEC;
    }

    @Override
    Gen<NodeRegistration> values() {
        return DeviceGenerators.legacyRegistration();
    }

    @Override
    String alphabet() {
        return ALPHABET;
    }
}

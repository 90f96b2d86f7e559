package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.NodeRegistration;
import io.hami.model.wire.WireCodec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The JSON register codec carries every registration and survives any text. */
class NodeRegisterCodecProperties extends CodecPropertyContract<NodeRegistration> {

    private static final NodeRegisterCodec CODEC = NodeRegisterCodec.INSTANCE;
    private static final String ALPHABET = "[]{}\":,.-+eE0123456789 \\ntrufalsidcoxmh\u017f";

    @Override
    WireCodec<NodeRegistration> codec() {
        return CODEC;
    }

    @Override
    Gen<NodeRegistration> values() {
        return DeviceGenerators.registration();
    }

    @Override
    String alphabet() {
        return ALPHABET;
    }

    @Test
    void encodingIsCompactAsciiSafeJson() {
        qt().withExamples(300).forAll(DeviceGenerators.registration()).checkAssert(value -> {
            String wire = CODEC.encode(value);
            assertThat(wire).doesNotContain("<", ">", "&", "\u2028", "\u2029", "\n");
            assertThat(wire).startsWith("[{").endsWith("}]");
        });
    }
}

package io.hami.model.annotation;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.NodeScores;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The score codec carries every score list and survives any text. */
class NodeScoreCodecProperties extends CodecPropertyContract<NodeScores> {

    private static final NodeScoreCodec CODEC = NodeScoreCodec.INSTANCE;
    private static final String ALPHABET = "[]{}\":,-0123456789 uidscore\u017fnl";

    @Override
    WireCodec<NodeScores> codec() {
        return CODEC;
    }

    @Override
    Gen<NodeScores> values() {
        return DeviceGenerators.nodeScores();
    }

    @Override
    String alphabet() {
        return ALPHABET;
    }
}

package io.hami.model.annotation;

import io.hami.model.device.MetaxTopologyTable;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** The MetaX whole-GPU topology codec carries every table and survives any text. */
class MetaxTopologyCodecProperties extends CodecPropertyContract<MetaxTopologyTable> {

    @Override
    WireCodec<MetaxTopologyTable> codec() {
        return MetaxTopologyCodec.INSTANCE;
    }

    @Override
    Gen<MetaxTopologyTable> values() {
        Gen<Long> number = Generate.oneOf(Generate.longRange(-2, 16), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE));
        return SourceDSL.maps().of(number, number).ofSizeBetween(0, 8).map(MetaxTopologyTable::new);
    }

    @Override
    String alphabet() {
        return "{}\":,+-.e0123456789 nul";
    }
}

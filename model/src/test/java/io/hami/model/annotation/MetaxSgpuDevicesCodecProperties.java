package io.hami.model.annotation;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;

import io.hami.model.device.DeviceGenerators;
import io.hami.model.device.MetaxSgpuDevice;
import io.hami.model.device.MetaxSgpuDevices;
import io.hami.model.wire.WireCodec;
import org.quicktheories.core.Gen;

/** The MetaX sGPU register codec carries every device list and survives any text. */
class MetaxSgpuDevicesCodecProperties extends CodecPropertyContract<MetaxSgpuDevices> {

    private static final MetaxSgpuDevicesCodec CODEC = MetaxSgpuDevicesCodec.INSTANCE;
    private static final String ALPHABET = "[]{}\":,-0123456789 uidtotalVRamhyqosnul";

    @Override
    WireCodec<MetaxSgpuDevices> codec() {
        return CODEC;
    }

    @Override
    Gen<MetaxSgpuDevices> values() {
        return devices();
    }

    @Override
    String alphabet() {
        return ALPHABET;
    }

    private static Gen<MetaxSgpuDevice> device() {
        Gen<Integer> n = DeviceGenerators.anyInt();
        Gen<String> text = DeviceGenerators.anyText();
        return text.zip(text, text, text, (uuid, bdf, model, qos) -> new String[] {uuid, bdf, model, qos})
                .zip(n, n, n, n, (s, a, b, c, d) -> new Object[] {s, a, b, c, d})
                .zip(n, n, n, n, (o, e, f, g, h) -> new Object[] {o, e, f, g, h})
                .zip(booleans().all(), (o, healthy) -> {
                    var first = (Object[]) o[0];
                    var s = (String[]) first[0];
                    return new MetaxSgpuDevice(s[0], s[1], s[2], (int) first[1], (int) first[2], (int) first[3],
                            (int) first[4], (int) o[1], (int) o[2], (int) o[3], healthy, s[3], (int) o[4]);
                });
    }

    private static Gen<MetaxSgpuDevices> devices() {
        return lists().of(device()).ofSizeBetween(1, 4).map(MetaxSgpuDevices::new);
    }
}

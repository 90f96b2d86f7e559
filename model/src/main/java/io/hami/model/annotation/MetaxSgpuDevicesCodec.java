package io.hami.model.annotation;

import io.hami.model.device.MetaxSgpuDevice;
import io.hami.model.device.MetaxSgpuDevices;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

/**
 * {@code metax-tech.com/node-gpu-devices}, the MetaX sGPU device plugin's register annotation: a JSON array with one
 * object per GPU, keys {@code uuid, bdf, model, totalDevCount, totalCompute, totalVRam, availableDevCount,
 * availableCompute, availableVRam, numa, healthy, qosPolicy, linkZone}.
 *
 * <p><b>Decoding</b> follows Go's {@code json.Unmarshal} into the plugin's struct: keys match exactly or
 * case-insensitively, unknown keys are ignored, a missing key or {@code null} is the zero value (a missing
 * {@code healthy} means unhealthy), numbers are 32-bit integers, and a wrong JSON type is an error naming its path,
 * e.g. {@code [0].totalVRam: expected a 32-bit integer: "64G"}. As for {@link NodeRegisterCodec}, an empty list and a
 * {@code null} device are errors, because HAMi fails on them right after decoding.
 *
 * <p><b>Encoding</b> is Go's: compact, keys in the order above, {@code uuid} always written, every other key left out
 * when zero, HTML-safe escaping.
 */
public final class MetaxSgpuDevicesCodec implements WireCodec<MetaxSgpuDevices> {

    /** The codec; it is stateless. */
    public static final MetaxSgpuDevicesCodec INSTANCE = new MetaxSgpuDevicesCodec();

    static final String FORMAT = "metax-sgpu-devices";
    private static final String[] FIELDS = {"uuid", "bdf", "model", "totalDevCount", "totalCompute", "totalVRam",
            "availableDevCount", "availableCompute", "availableVRam", "numa", "healthy", "qosPolicy", "linkZone"};

    private MetaxSgpuDevicesCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<MetaxSgpuDevices> valueType() {
        return MetaxSgpuDevices.class;
    }

    @Override
    public MetaxSgpuDevices decode(String wire) throws WireFormatException {
        return new MetaxSgpuDevices(GoJson.deviceArray(FORMAT, wire, MetaxSgpuDevicesCodec::device));
    }

    private static MetaxSgpuDevice device(GoJson json, String path) throws WireFormatException {
        var text = new String[] {"", "", "", ""};
        var number = new int[FIELDS.length];
        var healthy = new boolean[1];
        json.object(path, FIELDS, (field, key, at) -> {
            if (field < 0 || json.isNull()) {
                json.skip();
                return;
            }
            switch (field) {
                case 0, 1, 2 -> text[field] = json.string(at);
                case 10 -> healthy[0] = json.bool(at);
                case 11 -> text[3] = json.string(at);
                default -> number[field] = json.int32(at);
            }
        });
        return new MetaxSgpuDevice(text[0], text[1], text[2], number[3], number[4], number[5], number[6], number[7],
                number[8], number[9], healthy[0], text[3], number[12]);
    }

    @Override
    public String encode(MetaxSgpuDevices value) {
        var out = new GoJsonWriter().beginArray();
        for (MetaxSgpuDevice d : value.devices()) {
            out.beginObject().name("uuid").value(d.uuid());
            text(out, "bdf", d.bdf());
            text(out, "model", d.model());
            number(out, "totalDevCount", d.totalDevCount());
            number(out, "totalCompute", d.totalCompute());
            number(out, "totalVRam", d.totalVRam());
            number(out, "availableDevCount", d.availableDevCount());
            number(out, "availableCompute", d.availableCompute());
            number(out, "availableVRam", d.availableVRam());
            number(out, "numa", d.numa());
            if (d.healthy()) {
                out.name("healthy").value(true);
            }
            text(out, "qosPolicy", d.qosPolicy());
            number(out, "linkZone", d.linkZone());
            out.endObject();
        }
        return out.endArray().toString();
    }

    private static void text(GoJsonWriter out, String name, String value) {
        if (!value.isEmpty()) {
            out.name(name).value(value);
        }
    }

    private static void number(GoJsonWriter out, String name, int value) {
        if (value != 0) {
            out.name(name).value(value);
        }
    }
}

package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.AscendRuntimeInfo;
import io.hami.model.device.AscendRuntimeInfos;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;

/**
 * {@code huawei.com/<commonWord>}, what the scheduler tells Ascend's device plugin to set up: a JSON array with one
 * object per device of the pod, keys {@code UUID}, {@code temp}, {@code memory}, {@code core}, e.g.
 * {@code [{"UUID":"npu-7","temp":"vir05_1c_16g","memory":16384}]} in hard split and
 * {@code [{"UUID":"npu-7","memory":10000,"core":50}]} in soft split. HAMi source: {@code RuntimeInfo} and
 * {@code PatchAnnotations} in {@code pkg/device/ascend/device.go}.
 *
 * <p><b>Encoding</b> is Go's {@code json.Marshal} of HAMi's struct: compact, keys in that order, each left out when it
 * is the zero value (Go's {@code omitempty}), HTML-safe escaping.
 *
 * <p><b>Decoding</b> follows Go's {@code json.Unmarshal} into that struct (keys matched exactly or case-insensitively,
 * unknown keys ignored, a missing key or {@code null} the zero value, {@code memory} a 64-bit and {@code core} a
 * 32-bit integer), and is stricter where no HAMi writer goes: the value must be a non-empty array of objects, each
 * with a non-empty {@code UUID} and no negative number. Errors name the path, e.g. {@code [1].memory}.
 */
public final class AscendRuntimeInfoCodec implements WireCodec<AscendRuntimeInfos> {

    /** The codec; it is stateless. */
    public static final AscendRuntimeInfoCodec INSTANCE = new AscendRuntimeInfoCodec();

    static final String FORMAT = "ascend-runtime-info";
    private static final String[] FIELDS = {"UUID", "temp", "memory", "core"};

    private AscendRuntimeInfoCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<AscendRuntimeInfos> valueType() {
        return AscendRuntimeInfos.class;
    }

    @Override
    public AscendRuntimeInfos decode(String wire) throws WireFormatException {
        var json = GoJson.open(FORMAT, wire);
        if (json.token() != JsonToken.START_ARRAY) {
            throw json.expected("value", "an array of devices");
        }
        var devices = new ArrayList<AscendRuntimeInfo>();
        json.array("", (i, path) -> {
            if (json.token() != JsonToken.START_OBJECT) {
                throw json.expected(path, "a device object");
            }
            devices.add(device(json, path));
        });
        if (devices.isEmpty()) {
            throw new WireFormatException(FORMAT, "value", "no devices", wire);
        }
        return new AscendRuntimeInfos(devices);
    }

    private static AscendRuntimeInfo device(GoJson json, String path) throws WireFormatException {
        var text = new String[] {"", ""};
        var memory = new long[1];
        var core = new int[1];
        json.object(path, FIELDS, (field, key, at) -> {
            if (field < 0 || json.isNull()) {
                json.skip();
                return;
            }
            switch (field) {
                case 0, 1 -> text[field] = json.string(at);
                case 2 -> memory[0] = json.integer(at, 0, Long.MAX_VALUE, "a non-negative 64-bit integer");
                default -> core[0] = (int) json.integer(at, 0, Integer.MAX_VALUE, "a non-negative 32-bit integer");
            }
        });
        if (text[0].isEmpty()) {
            throw json.error(path.isEmpty() ? "UUID" : path + ".UUID", "a device needs a UUID", null);
        }
        return new AscendRuntimeInfo(text[0], text[1], memory[0], core[0]);
    }

    @Override
    public String encode(AscendRuntimeInfos value) {
        var out = new GoJsonWriter().beginArray();
        for (AscendRuntimeInfo d : value.devices()) {
            out.beginObject().name("UUID").value(d.uuid());
            if (!d.template().isEmpty()) {
                out.name("temp").value(d.template());
            }
            if (d.memory() != 0) {
                out.name("memory").value(d.memory());
            }
            if (d.core() != 0) {
                out.name("core").value(d.core());
            }
            out.endObject();
        }
        return out.endArray().toString();
    }
}

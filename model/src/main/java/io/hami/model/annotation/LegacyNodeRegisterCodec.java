package io.hami.model.annotation;

import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy colon form of a register annotation (NVIDIA up to HAMi v2.7; Hygon's {@code hami.io/node-dcu-register}
 * and Iluvatar's {@code hami.io/node-<chip>-register} in v2.10): every device terminated by {@code :}, its fields
 * separated by {@code ,}, either
 * <ul>
 *   <li>7 fields {@code UUID,count,devmem,devcore,type,numa,health}: index 0, mode {@code hami-core}; or</li>
 *   <li>9 fields {@code UUID,count,devmem,devcore,type,numa,health,index,mode}.</li>
 * </ul>
 *
 * <p><b>Decoding</b> follows HAMi's {@code DecodeNodeDevices} and keeps its error texts in the problem, so they can be
 * matched: a value without {@code :} is "node annotation missing device separator"; empty segments are skipped; a
 * segment without {@code ,} is a "malformed node annotation segment"; another field count is
 * "unexpected field count N in node annotation"; numbers are parsed as Go's {@code strconv} does ("invalid count
 * field: invalid syntax", ... "invalid index field", "index field must not be negative: -1"), health as Go's
 * {@code ParseBool}. {@code numa} and {@code index} are Go {@code int}s held to 32 bits here; a text field with an
 * unpaired surrogate is rejected. A value with only empty
 * segments ({@code :}, {@code ::}) decodes to no devices, which HAMi then rejects as "no gpu found on node"; so does
 * this codec.
 *
 * <p><b>Encoding</b> always writes 9 fields and a trailing {@code :}, e.g.
 * {@code GPU-x,10,7680,100,NVIDIA-Tesla P4,0,true,1,hami-core:}. The form cannot carry MIG profiles, an Ascend network
 * id, or a {@code ,} or {@code :} inside a text field; {@link #encode} rejects such a registration with an
 * {@link IllegalArgumentException} rather than write a value that reads back different.
 */
public final class LegacyNodeRegisterCodec implements WireCodec<NodeRegistration> {

    /** The codec; it is stateless. */
    public static final LegacyNodeRegisterCodec INSTANCE = new LegacyNodeRegisterCodec();

    static final String FORMAT = "node-register-legacy";
    private static final String DEFAULT_MODE = "hami-core";

    private LegacyNodeRegisterCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<NodeRegistration> valueType() {
        return NodeRegistration.class;
    }

    @Override
    public NodeRegistration decode(String wire) throws WireFormatException {
        if (wire.indexOf(':') < 0) {
            throw new WireFormatException(FORMAT, "value", "node annotation missing device separator", wire);
        }
        var devices = new ArrayList<NodeDevice>();
        for (String segment : wire.split(":", -1)) {
            if (!segment.isEmpty()) {
                devices.add(device(segment, "[" + devices.size() + "]"));
            }
        }
        if (devices.isEmpty()) {
            throw new WireFormatException(FORMAT, "value", NodeRegisterCodec.NO_DEVICES, wire);
        }
        return new NodeRegistration(devices);
    }

    private static NodeDevice device(String segment, String path) throws WireFormatException {
        if (segment.indexOf(',') < 0) {
            throw new WireFormatException(FORMAT, path, "malformed node annotation segment", segment);
        }
        String[] f = segment.split(",", -1);
        if (f.length != 7 && f.length != 9) {
            throw new WireFormatException(FORMAT, path,
                    "unexpected field count " + f.length + " in node annotation", segment);
        }
        int count = int32(f[1], path + ".count", "count");
        int devmem = int32(f[2], path + ".devmem", "memory");
        int devcore = int32(f[3], path + ".devcore", "core");
        boolean health;
        try {
            health = GoStrconv.parseBool(f[6]);
        } catch (GoStrconv.ParseException e) {
            throw invalid(path + ".health", "health", e, f[6]);
        }
        int numa = atoi(f[5], path + ".numa", "numa");
        int index = 0;
        String mode = DEFAULT_MODE;
        if (f.length == 9) {
            index = atoi(f[7], path + ".index", "index");
            if (index < 0) {
                throw new WireFormatException(FORMAT, path + ".index", "index field must not be negative: " + index, f[7]);
            }
            mode = f[8];
        }
        return NodeDevice.of(text(f[0], path + ".id"), index, count, devmem, devcore, text(f[4], path + ".type"), numa,
                text(mode, path + ".mode"), health);
    }

    private static String text(String text, String path) throws WireFormatException {
        if (GoText.unpairedSurrogate(text) >= 0) {
            throw new WireFormatException(FORMAT, path, "not valid Unicode: unpaired surrogate", text);
        }
        return text;
    }

    private static int int32(String text, String path, String name) throws WireFormatException {
        try {
            return (int) GoStrconv.parseInt(text, 32);
        } catch (GoStrconv.ParseException e) {
            throw invalid(path, name, e, text);
        }
    }

    private static int atoi(String text, String path, String name) throws WireFormatException {
        try {
            return GoStrconv.atoi(text);
        } catch (GoStrconv.ParseException e) {
            throw invalid(path, name, e, text);
        }
    }

    private static WireFormatException invalid(String path, String name, GoStrconv.ParseException e, String text) {
        return new WireFormatException(FORMAT, path, "invalid " + name + " field: " + e.getMessage(), text);
    }

    @Override
    public String encode(NodeRegistration value) {
        var sb = new StringBuilder();
        List<NodeDevice> devices = value.devices();
        for (int i = 0; i < devices.size(); i++) {
            var d = devices.get(i);
            requireRepresentable(d, i);
            sb.append(d.id()).append(',').append(d.count()).append(',').append(d.devmem()).append(',')
                    .append(d.devcore()).append(',').append(d.type()).append(',').append(d.numa()).append(',')
                    .append(d.health()).append(',').append(d.index()).append(',').append(d.mode()).append(':');
        }
        return sb.toString();
    }

    /** Whether the legacy form can carry {@code device} unchanged. */
    public static boolean canEncode(NodeDevice device) {
        return device.migProfiles().isEmpty() && device.networkId() == null && device.customText().isEmpty()
                && plain(device.id()) && plain(device.type()) && plain(device.mode());
    }

    private static boolean plain(String text) {
        return text.indexOf(',') < 0 && text.indexOf(':') < 0;
    }

    private static void requireRepresentable(NodeDevice d, int i) {
        if (!canEncode(d)) {
            throw new IllegalArgumentException("devices[" + i + "] cannot be written in the legacy form: it has MIG"
                    + " profiles, a network id, or a ',' or ':' in id, type or mode");
        }
    }
}

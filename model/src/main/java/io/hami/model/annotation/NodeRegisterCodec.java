package io.hami.model.annotation;

import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;

/**
 * {@code hami.io/node-nvidia-register} in its HAMi v2.8+ JSON form (also Ascend's {@code hami.io/node-register-*}): an
 * array with one object per device, e.g.
 * {@code [{"id":"GPU-a","count":10,"devmem":32768,"devcore":100,"type":"NVIDIA-Tesla V100-PCIE-32GB","mode":"hami-core","health":true}]}.
 *
 * <p><b>Decoding</b> follows Go's {@code json.Unmarshal} into HAMi's {@code []*DeviceInfo}: keys match exactly or
 * case-insensitively, unknown keys are ignored, a missing key or {@code null} is the zero value (a missing
 * {@code health} means unhealthy, missing {@code index}/{@code numa} mean 0, missing {@code mode} means {@code ""}), a
 * value of the wrong JSON type or outside the Go type's range is an error naming its path, e.g.
 * {@code [1].devmem: expected a 32-bit integer: "abc"}. {@code index} ({@code uint}) and {@code numa} ({@code int}) are
 * held to 32 bits. Two cases where Go would not fail are errors here, because HAMi fails right after decoding anyway:
 * an empty list ({@code []} or {@code null}: "no gpu found on node") and a {@code null} device (a nil pointer).
 *
 * <p><b>Encoding</b> is what HAMi's {@code MarshalNodeDevices} writes: compact, keys in the Go struct's order
 * {@code id, index, count, devmem, devcore, type, numa, mode, migProfiles, health}, each left out when zero
 * ({@code health} when false), the MIG profile's own keys always written, and Go's HTML-safe string escaping. An
 * Ascend {@code networkId} is written as {@code "custominfo":{"NetworkID":n}} after {@code health}, as Ascend's
 * plugin does.
 */
public final class NodeRegisterCodec implements WireCodec<NodeRegistration> {

    /** The codec; it is stateless. */
    public static final NodeRegisterCodec INSTANCE = new NodeRegisterCodec();

    static final String FORMAT = "node-register";
    static final String NO_DEVICES = GoJson.NO_DEVICES;

    private NodeRegisterCodec() {
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
        return new NodeRegistration(GoJson.deviceArray(FORMAT, wire, NodeDeviceJson::read));
    }

    @Override
    public String encode(NodeRegistration value) {
        var out = new GoJsonWriter().beginArray();
        for (var device : value.devices()) {
            device(out, device);
        }
        return out.endArray().toString();
    }

    private static void device(GoJsonWriter out, NodeDevice d) {
        out.beginObject();
        if (!d.id().isEmpty()) {
            out.name("id").value(d.id());
        }
        number(out, "index", d.index());
        number(out, "count", d.count());
        number(out, "devmem", d.devmem());
        number(out, "devcore", d.devcore());
        if (!d.type().isEmpty()) {
            out.name("type").value(d.type());
        }
        number(out, "numa", d.numa());
        if (!d.mode().isEmpty()) {
            out.name("mode").value(d.mode());
        }
        if (!d.migProfiles().isEmpty()) {
            out.name("migProfiles").beginArray();
            d.migProfiles().forEach(p -> profile(out, p));
            out.endArray();
        }
        if (d.health()) {
            out.name("health").value(true);
        }
        if (d.networkId() != null || !d.customText().isEmpty()) {
            // Go writes a map's keys sorted.
            out.name("custominfo").beginObject();
            boolean networkDone = d.networkId() == null;
            for (var e : d.customText().entrySet()) {
                if (!networkDone && e.getKey().compareTo("NetworkID") > 0) {
                    out.name("NetworkID").value(d.networkId());
                    networkDone = true;
                }
                out.name(e.getKey()).value(e.getValue());
            }
            if (!networkDone) {
                out.name("NetworkID").value(d.networkId());
            }
            out.endObject();
        }
        out.endObject();
    }

    private static void number(GoJsonWriter out, String name, long value) {
        if (value != 0) {
            out.name(name).value(value);
        }
    }

    private static void profile(GoJsonWriter out, MigProfile p) {
        out.beginObject()
                .name("name").value(p.name())
                .name("memoryMB").value(p.memoryMB())
                .name("core").value(p.core())
                .name("sliceCount").value(p.sliceCount())
                .name("placements").beginArray();
        for (MigPlacement placement : p.placements()) {
            placement(out, placement);
        }
        out.endArray().endObject();
    }

    static void placement(GoJsonWriter out, MigPlacement p) {
        out.beginObject().name("start").value(p.start()).name("size").value(p.size()).endObject();
    }
}

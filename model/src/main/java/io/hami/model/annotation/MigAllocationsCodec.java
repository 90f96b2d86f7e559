package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigRuntime;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * {@code hami.io/vgpu-mig-allocations}: the scheduler's MIG reservations for a pod, a JSON array such as
 * {@code [{"containerIndex":0,"deviceIndex":0,"gpuUUID":"GPU-a","profile":"1g.5gb","placement":{"start":6,"size":1}}]},
 * to which the device plugin adds {@code "migUUID"}, {@code "gpuInstanceID"} and {@code "computeInstanceID"} once the
 * instance exists.
 *
 * <p><b>Decoding</b> follows HAMi's {@code DecodeMigAllocations}: an empty string or {@code null} is no allocation;
 * otherwise Go's {@code json.Unmarshal} (case-insensitive keys, unknown keys ignored, {@code null} leaves a value as it
 * is, except for the two optional ids, which it removes), then HAMi's checks with HAMi's texts: a negative index, an
 * empty GPU UUID or profile, or a zero placement size is "MIG allocation N is incomplete"; one or two of the three
 * runtime keys is "MIG allocation N has partial runtime identity" (an empty {@code migUUID} counts as absent, a zero
 * id as present); a repeated (container, device) pair is "duplicate MIG allocation for container C device D". Indices
 * are Go {@code int}s held to 32 bits here.
 *
 * <p><b>Encoding</b> is Go's: keys in the struct's order, the runtime keys only when realized. An empty list is
 * written {@code []} (HAMi leaves the annotation out instead).
 */
public final class MigAllocationsCodec implements WireCodec<MigAllocations> {

    /** The codec; it is stateless. */
    public static final MigAllocationsCodec INSTANCE = new MigAllocationsCodec();

    static final String FORMAT = "mig-allocations";
    private static final String[] FIELDS = {"containerIndex", "deviceIndex", "gpuUUID", "profile", "placement",
            "migUUID", "gpuInstanceID", "computeInstanceID"};

    private MigAllocationsCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<MigAllocations> valueType() {
        return MigAllocations.class;
    }

    /** One entry as Go holds it before HAMi's checks. */
    private static final class Draft {
        int containerIndex;
        int deviceIndex;
        String gpuUuid = "";
        String profile = "";
        MigPlacement placement = new MigPlacement(0, 0);
        String migUuid = "";
        Long gpuInstanceId;
        Long computeInstanceId;
    }

    @Override
    public MigAllocations decode(String wire) throws WireFormatException {
        if (wire.isEmpty()) {
            return MigAllocations.EMPTY;
        }
        var json = GoJson.open(FORMAT, wire);
        var drafts = new ArrayList<Draft>();
        if (json.token() == JsonToken.START_ARRAY) {
            json.array("", (i, path) -> drafts.add(draft(json, path)));
        } else if (!json.isNull()) {
            throw json.expected("value", "an array of MIG allocations");
        }
        var allocations = new ArrayList<MigAllocation>(drafts.size());
        var seen = new HashSet<Long>();
        for (int i = 0; i < drafts.size(); i++) {
            var a = check(drafts.get(i), i);
            if (!seen.add(((long) a.containerIndex() << 32) | a.deviceIndex())) {
                throw new WireFormatException(FORMAT, "[" + i + "]", String.format(
                        "duplicate MIG allocation for container %d device %d", a.containerIndex(), a.deviceIndex()),
                        null);
            }
            allocations.add(a);
        }
        return new MigAllocations(allocations);
    }

    private static Draft draft(GoJson json, String path) throws WireFormatException {
        var d = new Draft();
        if (json.isNull()) {
            return d;
        }
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected(path, "an object");
        }
        json.object(path, FIELDS, (field, key, at) -> {
            if (field < 0) {
                json.skip();
                return;
            }
            if (json.isNull()) {
                // Go: null removes a pointer (the two ids) and leaves every other field as it is.
                if (field == 6) {
                    d.gpuInstanceId = null;
                } else if (field == 7) {
                    d.computeInstanceId = null;
                }
                return;
            }
            switch (field) {
                case 0 -> d.containerIndex = json.int32(at);
                case 1 -> d.deviceIndex = json.int32(at);
                case 2 -> d.gpuUuid = json.string(at);
                case 3 -> d.profile = json.string(at);
                case 4 -> d.placement = NodeDeviceJson.placement(json, at, d.placement);
                case 5 -> d.migUuid = json.string(at);
                case 6 -> d.gpuInstanceId = json.uint32(at);
                default -> d.computeInstanceId = json.uint32(at);
            }
        });
        return d;
    }

    private static MigAllocation check(Draft d, int i) throws WireFormatException {
        String path = "[" + i + "]";
        String incomplete = "MIG allocation " + i + " is incomplete: ";
        if (d.containerIndex < 0) {
            throw new WireFormatException(FORMAT, path + ".containerIndex", incomplete + "negative index",
                    Integer.toString(d.containerIndex));
        }
        if (d.deviceIndex < 0) {
            throw new WireFormatException(FORMAT, path + ".deviceIndex", incomplete + "negative index",
                    Integer.toString(d.deviceIndex));
        }
        if (d.gpuUuid.isEmpty()) {
            throw new WireFormatException(FORMAT, path + ".gpuUUID", incomplete + "no GPU UUID", null);
        }
        if (d.profile.isEmpty()) {
            throw new WireFormatException(FORMAT, path + ".profile", incomplete + "no profile", null);
        }
        if (d.placement.size() == 0) {
            throw new WireFormatException(FORMAT, path + ".placement.size", incomplete + "placement size 0", null);
        }
        int present = (d.migUuid.isEmpty() ? 0 : 1) + (d.gpuInstanceId == null ? 0 : 1)
                + (d.computeInstanceId == null ? 0 : 1);
        if (present != 0 && present != 3) {
            throw new WireFormatException(FORMAT, path, "MIG allocation " + i + " has partial runtime identity: "
                    + present + " of migUUID, gpuInstanceID, computeInstanceID", null);
        }
        var runtime = present == 3 ? new MigRuntime(d.migUuid, d.gpuInstanceId, d.computeInstanceId) : null;
        return new MigAllocation(d.containerIndex, d.deviceIndex, d.gpuUuid, d.profile, d.placement, runtime);
    }

    @Override
    public String encode(MigAllocations value) {
        var out = new GoJsonWriter().beginArray();
        for (var a : value.allocations()) {
            out.beginObject()
                    .name("containerIndex").value(a.containerIndex())
                    .name("deviceIndex").value(a.deviceIndex())
                    .name("gpuUUID").value(a.gpuUuid())
                    .name("profile").value(a.profile())
                    .name("placement");
            NodeRegisterCodec.placement(out, a.placement());
            if (a.runtime() != null) {
                out.name("migUUID").value(a.runtime().migUuid())
                        .name("gpuInstanceID").value(a.runtime().gpuInstanceId())
                        .name("computeInstanceID").value(a.runtime().computeInstanceId());
            }
            out.endObject();
        }
        return out.endArray().toString();
    }
}

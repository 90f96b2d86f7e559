package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.MetaxSgpuAllocation;
import io.hami.model.device.MetaxSgpuShare;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code metax-tech.com/gpu-devices-allocated}, what the scheduler tells MetaX's sGPU device plugin to create: a JSON
 * array with one array per allocation entry (one per container, init containers first), each holding one object per
 * sGPU with keys {@code uuid}, {@code compute}, {@code vRam}, e.g. {@code [[],[{"uuid":"GPU-1","compute":30,
 * "vRam":4096}]]}. HAMi source: {@code ContainerMetaxSDevice} in {@code pkg/device/metax/protocol.go},
 * {@code PatchAnnotations} in {@code sdevice.go}.
 *
 * <p><b>Encoding</b> is Go's {@code json.Marshal}: compact, {@code uuid} always written, {@code compute} and
 * {@code vRam} left out when 0 ({@code omitempty}), an entry without sGPUs as {@code []}.
 *
 * <p><b>Decoding</b> follows Go's {@code json.Unmarshal} (keys matched exactly or case-insensitively, unknown keys
 * ignored, a missing key or {@code null} the zero value, 32-bit integers, a {@code null} entry an empty one), and is
 * stricter where no HAMi writer goes: the value must be an array, every sGPU an object with a non-empty {@code uuid}
 * and no negative number. Errors name the path, e.g. {@code [1][0].vRam}.
 */
public final class MetaxSgpuAllocationCodec implements WireCodec<MetaxSgpuAllocation> {

    /** The codec; it is stateless. */
    public static final MetaxSgpuAllocationCodec INSTANCE = new MetaxSgpuAllocationCodec();

    static final String FORMAT = "metax-sgpu-allocation";
    private static final String[] FIELDS = {"uuid", "compute", "vRam"};

    private MetaxSgpuAllocationCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<MetaxSgpuAllocation> valueType() {
        return MetaxSgpuAllocation.class;
    }

    @Override
    public MetaxSgpuAllocation decode(String wire) throws WireFormatException {
        var json = GoJson.open(FORMAT, wire);
        if (json.token() != JsonToken.START_ARRAY) {
            throw json.expected("value", "an array of allocation entries");
        }
        var containers = new ArrayList<List<MetaxSgpuShare>>();
        json.array("", (i, path) -> {
            var shares = new ArrayList<MetaxSgpuShare>();
            if (json.token() == JsonToken.START_ARRAY) {
                json.array(path, (j, at) -> {
                    if (json.token() != JsonToken.START_OBJECT) {
                        throw json.expected(at, "an sGPU object");
                    }
                    shares.add(share(json, at));
                });
            } else if (!json.isNull()) {
                throw json.expected(path, "an array of sGPUs");
            }
            containers.add(shares);
        });
        return new MetaxSgpuAllocation(containers);
    }

    private static MetaxSgpuShare share(GoJson json, String path) throws WireFormatException {
        var uuid = new String[] {""};
        var numbers = new int[FIELDS.length];
        json.object(path, FIELDS, (field, key, at) -> {
            if (field < 0 || json.isNull()) {
                json.skip();
                return;
            }
            if (field == 0) {
                uuid[0] = json.string(at);
            } else {
                numbers[field] = (int) json.integer(at, 0, Integer.MAX_VALUE, "a non-negative 32-bit integer");
            }
        });
        if (uuid[0].isEmpty()) {
            throw json.error(path + ".uuid", "an sGPU needs a uuid", null);
        }
        return new MetaxSgpuShare(uuid[0], numbers[1], numbers[2]);
    }

    @Override
    public String encode(MetaxSgpuAllocation value) {
        var out = new GoJsonWriter().beginArray();
        for (List<MetaxSgpuShare> container : value.containers()) {
            out.beginArray();
            for (MetaxSgpuShare s : container) {
                out.beginObject().name("uuid").value(s.uuid());
                if (s.compute() != 0) {
                    out.name("compute").value(s.compute());
                }
                if (s.vRam() != 0) {
                    out.name("vRam").value(s.vRam());
                }
                out.endObject();
            }
            out.endArray();
        }
        return out.endArray().toString();
    }
}

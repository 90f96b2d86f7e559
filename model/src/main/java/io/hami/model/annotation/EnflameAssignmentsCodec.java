package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.EnflameAssignments;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.LinkedHashMap;

/**
 * Enflame's {@code assigned-containers}: {@code {"<container>":{"allocated":false,"request":3,"profileID":"1",
 * "profileName":"3g.20gb"}}}, Go's JSON of HAMi's {@code map[string]assignedContainerInfo}: keys sorted, the profile
 * fields left out when empty. Decoding reads what Enflame's plugin may add back ({@code allocated}, and ignores
 * {@code instanceID}, {@code instanceUUID}).
 */
public final class EnflameAssignmentsCodec implements WireCodec<EnflameAssignments> {

    /** The codec; it is stateless. */
    public static final EnflameAssignmentsCodec INSTANCE = new EnflameAssignmentsCodec();

    static final String FORMAT = "enflame-assigned-containers";
    private static final String[] FIELDS = {"allocated", "request", "profileID", "profileName"};

    private EnflameAssignmentsCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<EnflameAssignments> valueType() {
        return EnflameAssignments.class;
    }

    @Override
    public EnflameAssignments decode(String wire) throws WireFormatException {
        if (wire == null) {
            throw new WireFormatException(FORMAT, "value", "missing value", null);
        }
        var json = GoJson.open(FORMAT, wire);
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected("value", "an object of container names");
        }
        var out = new LinkedHashMap<String, EnflameAssignments.Partition>();
        json.object("", new String[0], (f, name, path) -> {
            if (json.token() != JsonToken.START_OBJECT) {
                throw json.expected(path, "an object");
            }
            var allocated = new boolean[1];
            var request = new int[1];
            var text = new String[] {"", ""};
            json.object(path, FIELDS, (field, key, at) -> {
                if (field < 0 || json.isNull()) {
                    json.skip();
                } else if (field == 0) {
                    allocated[0] = json.bool(at);
                } else if (field == 1) {
                    request[0] = json.int32(at);
                } else {
                    text[field - 2] = json.string(at);
                }
            });
            out.put(name, new EnflameAssignments.Partition(allocated[0], request[0], text[0], text[1]));
        });
        return new EnflameAssignments(out);
    }

    @Override
    public String encode(EnflameAssignments value) {
        var out = new GoJsonWriter().beginObject();
        value.containers().forEach((name, p) -> {
            out.name(name).beginObject().name("allocated").value(p.allocated()).name("request").value(p.request());
            if (!p.profileId().isEmpty()) {
                out.name("profileID").value(p.profileId());
            }
            if (!p.profileName().isEmpty()) {
                out.name("profileName").value(p.profileName());
            }
            out.endObject();
        });
        return out.endObject().toString();
    }
}

package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import io.hami.model.device.NodeDevice;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one device object of a register annotation into a {@link NodeDevice}, as Go unmarshals HAMi's
 * {@code DeviceInfo}: a missing key or a {@code null} leaves the zero value (so a missing {@code health} is
 * {@code false}), {@code null} empties {@code migProfiles} and {@code custominfo}, and the keys HAMi declares but we
 * drop ({@code migtemplate}, {@code devicevendor}) are still type-checked, because Go rejects a wrong type there too.
 */
final class NodeDeviceJson {
    private static final String[] DEVICE_FIELDS = {"id", "index", "count", "devmem", "devcore", "type", "numa", "mode",
            "migProfiles", "migtemplate", "health", "devicevendor", "custominfo"};
    private static final String[] PROFILE_FIELDS = {"name", "memoryMB", "core", "sliceCount", "placements"};
    private static final String[] PLACEMENT_FIELDS = {"start", "size"};
    /** HAMi's deprecated {@code MigTemplate} has only YAML tags, so JSON matches its Go field names. */
    private static final String[] TEMPLATE_FIELDS = {"Name", "Core", "Memory", "Count"};
    private static final String NETWORK_ID = "NetworkID";

    private final GoJson json;
    private String id = "";
    private int index;
    private int count;
    private int devmem;
    private int devcore;
    private String type = "";
    private int numa;
    private String mode = "";
    private boolean health;
    private List<MigProfile> migProfiles = List.of();
    private Integer networkId;
    private final java.util.Map<String, String> customText = new java.util.TreeMap<>();

    private NodeDeviceJson(GoJson json) {
        this.json = json;
    }

    /** Reads the device object the parser is on. */
    static NodeDevice read(GoJson json, String path) throws WireFormatException {
        var draft = new NodeDeviceJson(json);
        json.object(path, DEVICE_FIELDS, draft::field);
        return new NodeDevice(draft.id, draft.index, draft.count, draft.devmem, draft.devcore, draft.type, draft.numa,
                draft.mode, draft.health, draft.migProfiles, draft.networkId, draft.customText);
    }

    private void field(int field, String key, String path) throws WireFormatException {
        if (field < 0) {
            json.skip();
            return;
        }
        if (json.isNull()) {
            // Go: null leaves a scalar as it is and sets a slice or map to nil.
            switch (field) {
                case 8 -> migProfiles = List.of();
                case 12 -> {
                    networkId = null;
                    customText.clear();
                }
                default -> { }
            }
            return;
        }
        switch (field) {
            case 0 -> id = json.string(path);
            case 1 -> index = (int) json.integer(path, 0, Integer.MAX_VALUE, "an integer from 0 to 2147483647");
            case 2 -> count = json.int32(path);
            case 3 -> devmem = json.int32(path);
            case 4 -> devcore = json.int32(path);
            case 5 -> type = json.string(path);
            case 6 -> numa = json.int32(path);
            case 7 -> mode = json.string(path);
            case 8 -> migProfiles = profiles(path);
            case 9 -> templates(path);
            case 10 -> health = json.bool(path);
            case 11 -> json.string(path);
            case 12 -> customInfo(path);
            default -> throw new IllegalStateException("field " + field);
        }
    }

    private List<MigProfile> profiles(String path) throws WireFormatException {
        requireArray(path);
        var profiles = new ArrayList<MigProfile>();
        json.array(path, (i, at) -> profiles.add(profile(at)));
        return profiles;
    }

    private MigProfile profile(String path) throws WireFormatException {
        var p = new Object() {
            String name = "";
            int memoryMB;
            int core;
            long sliceCount;
            List<MigPlacement> placements = List.of();
        };
        if (json.isNull()) {
            // Go: a null element of a []MigProfile is the zero profile.
            return new MigProfile(p.name, p.memoryMB, p.core, p.sliceCount, p.placements);
        }
        requireObject(path);
        json.object(path, PROFILE_FIELDS, (field, key, at) -> {
            if (field < 0) {
                json.skip();
            } else if (json.isNull()) {
                if (field == 4) {
                    p.placements = List.of();
                }
            } else {
                switch (field) {
                    case 0 -> p.name = json.string(at);
                    case 1 -> p.memoryMB = json.int32(at);
                    case 2 -> p.core = json.int32(at);
                    case 3 -> p.sliceCount = json.uint32(at);
                    default -> p.placements = placements(at);
                }
            }
        });
        return new MigProfile(p.name, p.memoryMB, p.core, p.sliceCount, p.placements);
    }

    private List<MigPlacement> placements(String path) throws WireFormatException {
        requireArray(path);
        var placements = new ArrayList<MigPlacement>();
        json.array(path, (i, at) -> placements.add(placement(json, at)));
        return placements;
    }

    /** Reads a {@code {"start":..,"size":..}} object; a {@code null} is the zero placement. */
    static MigPlacement placement(GoJson json, String path) throws WireFormatException {
        return placement(json, path, new MigPlacement(0, 0));
    }

    /** Reads a placement object into {@code base}: Go decodes into the existing struct, keeping absent fields. */
    static MigPlacement placement(GoJson json, String path, MigPlacement base) throws WireFormatException {
        if (json.isNull()) {
            return base;
        }
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected(path, "an object");
        }
        long[] v = {base.start(), base.size()};
        json.object(path, PLACEMENT_FIELDS, (field, key, at) -> {
            if (field < 0) {
                json.skip();
            } else if (!json.isNull()) {
                v[field] = json.uint32(at);
            }
        });
        return new MigPlacement(v[0], v[1]);
    }

    /** Type-checks the deprecated {@code migtemplate} ({@code [][]MigTemplate}) and drops it. */
    private void templates(String path) throws WireFormatException {
        requireArray(path);
        json.array(path, (i, geometry) -> {
            if (json.isNull()) {
                return;
            }
            requireArray(geometry);
            json.array(geometry, (j, template) -> {
                if (json.isNull()) {
                    return;
                }
                requireObject(template);
                json.object(template, TEMPLATE_FIELDS, (field, key, at) -> {
                    if (field < 0 || json.isNull()) {
                        json.skip();
                    } else if (field == 0) {
                        json.string(at);
                    } else {
                        json.int32(at);
                    }
                });
            });
        });
    }

    /**
     * {@code custominfo} is a Go {@code map[string]any}: any object is fine, and a second occurrence adds to the first.
     * We keep {@code NetworkID} (exact key: map keys are not folded) when it is a number, as Ascend's scorer reads it
     * ({@code int(x.(float64))}, truncated toward zero); a value of another type or beyond 32 bits is ignored. The other
     * members with a string value are kept as text (Vastai's {@code AIC}, {@code DeviceStrategy}). Like Go, we reject a
     * number anywhere inside that a {@code float64} cannot hold.
     */
    private void customInfo(String path) throws WireFormatException {
        requireObject(path);
        json.object(path, new String[0], (field, key, at) -> {
            if (NETWORK_ID.equals(key)) {
                networkId = json.token().isNumeric() ? truncate(json.text()) : null;
            } else if (json.token() == JsonToken.VALUE_STRING) {
                customText.put(key, json.string(at));
                return;
            } else {
                customText.remove(key);
            }
            json.anyValue(at);
        });
    }

    private static Integer truncate(String literal) {
        double value = Double.parseDouble(literal);
        if (value > Integer.MIN_VALUE - 1.0 && value < Integer.MAX_VALUE + 1.0) {
            return (int) value;
        }
        return null;
    }

    private void requireArray(String path) throws WireFormatException {
        if (json.token() != JsonToken.START_ARRAY) {
            throw json.expected(path, "an array");
        }
    }

    private void requireObject(String path) throws WireFormatException {
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected(path, "an object");
        }
    }
}

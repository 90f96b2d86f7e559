package io.hami.model.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.model.json.CanonicalJson;
import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The bytes of one allocation store file, format version {@value #VERSION}:
 *
 * <pre>
 * {"version":2,"namespace":"default","name":"train-0","uid":"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
 *  "containers":{"cuda":"GPU-a,NVIDIA,3000,30:;"},
 *  "hamiCore":{"oversubscribe":false,"libCudaLogLevel":1,"disableCoreLimit":false}}
 * </pre>
 *
 * Each container's value is its allocation entry in the pod annotation's own format ({@link PodDevicesCodec}, one
 * entry); {@code hamiCore} holds the writing plugin's optional HAMi-core variables ({@link HamiCoreOptions}), with
 * {@code libCudaLogLevel} left out when none is configured. Version 1 had no {@code hamiCore}: such a record is
 * refused as written by an older plugin, which a plugin of this version rewrites. A reader refuses a file whose {@code version} is higher than its own (a newer writer may have changed what
 * the fields mean) and any file it cannot read whole; both with one message naming what is wrong.
 */
public final class AllocationRecordCodec {
    /** The format version this code writes and the highest it reads. */
    public static final int VERSION = 2;

    private static final Set<String> FIELDS = Set.of("version", "namespace", "name", "uid", "containers", "hamiCore");
    private static final Set<String> CORE_FIELDS = Set.of("oversubscribe", "libCudaLogLevel", "disableCoreLimit");

    private AllocationRecordCodec() {
    }

    /** The file's bytes for {@code pod}. */
    public static byte[] encode(PodAllocation pod) {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("namespace", pod.namespace());
        root.put("name", pod.name());
        root.put("uid", pod.uid());
        var containers = root.putObject("containers");
        pod.containers().forEach((name, devices) -> containers.put(name, PodDevicesCodec.INSTANCE.encode(PodDevices.of(devices))));
        var core = root.putObject("hamiCore");
        core.put("oversubscribe", pod.hamiCore().oversubscribe());
        pod.hamiCore().libCudaLogLevel().ifPresent(level -> core.put("libCudaLogLevel", level));
        core.put("disableCoreLimit", pod.hamiCore().disableCoreLimit());
        try {
            return CanonicalJson.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Reads a file's bytes.
     *
     * @throws StoreFormatException when the bytes are not a whole record of a version this reader knows
     */
    public static PodAllocation decode(byte[] bytes) throws StoreFormatException {
        JsonNode root;
        try {
            root = CanonicalJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new StoreFormatException(false, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            throw new StoreFormatException(false, "not JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new StoreFormatException(false, "not a JSON object");
        }
        var version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() < 1) {
            throw new StoreFormatException(false, "version: expected a positive integer, got " + version);
        }
        if (version.intValue() > VERSION) {
            throw new StoreFormatException(true, "written in format version " + version.intValue()
                    + ", newer than this reader's " + VERSION + " (a newer hami wrote it; upgrade this one)");
        }
        if (version.intValue() < VERSION) {
            throw new StoreFormatException(false, "written in format version " + version.intValue()
                    + ", which records no HAMi-core settings (an older device plugin wrote it; a plugin of version "
                    + VERSION + " rewrites it)");
        }
        unknownFields(root, FIELDS, "");
        var containers = root.get("containers");
        if (containers == null || !containers.isObject()) {
            throw new StoreFormatException(false, "containers: expected an object");
        }
        var entries = new LinkedHashMap<String, ContainerDevices>();
        for (var it = containers.fields(); it.hasNext(); ) {
            var e = it.next();
            entries.put(e.getKey(), entry(e.getKey(), e.getValue()));
        }
        try {
            return new PodAllocation(text(root, "namespace"), text(root, "name"), text(root, "uid"), entries,
                    hamiCore(root.get("hamiCore")));
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(false, e.getMessage());
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) throws StoreFormatException {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            var field = it.next();
            if (!known.contains(field)) {
                throw new StoreFormatException(false, "unknown field " + WireFormatException.quote(prefix + field));
            }
        }
    }

    private static HamiCoreOptions hamiCore(JsonNode core) throws StoreFormatException {
        if (core == null || !core.isObject()) {
            throw new StoreFormatException(false, "hamiCore: expected an object");
        }
        unknownFields(core, CORE_FIELDS, "hamiCore.");
        var level = core.get("libCudaLogLevel");
        if (level != null && !level.isInt()) {
            throw new StoreFormatException(false, "hamiCore.libCudaLogLevel: expected an integer, got " + level);
        }
        try {
            return new HamiCoreOptions(bool(core, "oversubscribe"), Optional.ofNullable(level).map(JsonNode::intValue),
                    bool(core, "disableCoreLimit"));
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(false, "hamiCore." + e.getMessage());
        }
    }

    private static boolean bool(JsonNode core, String field) throws StoreFormatException {
        var node = core.get(field);
        if (node == null || !node.isBoolean()) {
            throw new StoreFormatException(false, "hamiCore." + field + ": expected true or false, got " + node);
        }
        return node.booleanValue();
    }

    private static ContainerDevices entry(String container, JsonNode value) throws StoreFormatException {
        if (!value.isTextual()) {
            throw new StoreFormatException(false, "containers." + container + ": expected an allocation entry text");
        }
        PodDevices devices;
        try {
            devices = PodDevicesCodec.INSTANCE.decode(value.textValue());
        } catch (WireFormatException e) {
            throw new StoreFormatException(false, "containers." + container + ": " + e.getMessage());
        }
        if (devices.containers().size() != 1) {
            throw new StoreFormatException(false, "containers." + container + ": expected one entry, got "
                    + devices.containers().size() + ": " + WireFormatException.quote(value.textValue()));
        }
        return devices.containers().getFirst();
    }

    private static String text(JsonNode root, String field) throws StoreFormatException {
        var node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new StoreFormatException(false, field + ": expected a string");
        }
        return node.textValue();
    }

    /** Why a store file cannot be read: {@link #newerVersion()} when a newer writer made it, else it is damaged. */
    public static final class StoreFormatException extends Exception {
        private final boolean newerVersion;

        StoreFormatException(boolean newerVersion, String problem) {
            super(problem);
            this.newerVersion = newerVersion;
        }

        /** The file is whole but of a format version above {@link #VERSION}. */
        public boolean newerVersion() {
            return newerVersion;
        }
    }
}

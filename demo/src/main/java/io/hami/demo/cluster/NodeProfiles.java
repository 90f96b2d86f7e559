package io.hami.demo.cluster;

import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-node copies of an NVML profile. Nodes made from one profile would otherwise share GPU UUIDs, which real
 * machines never do (and which would make UUID selection and the demo's table ambiguous): the copy replaces each
 * UUID's second group by the node's ordinal and drops the profile's pre-existing processes, so a node's memory use
 * is what its containers write.
 */
public final class NodeProfiles {

    /** The largest NVML profile read: the fixtures' profiles are a few KiB. */
    private static final int MAX_PROFILE_BYTES = 1 << 20;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private NodeProfiles() {
    }

    /**
     * Writes the copy of {@code template} for node number {@code ordinal} to {@code target} (atomically).
     *
     * @throws IOException when the template cannot be read or is not a profile with devices
     */
    public static Path write(Path template, int ordinal, Path target) throws IOException {
        JsonNode root = MAPPER.readTree(UntrustedFiles.readBytes(template, MAX_PROFILE_BYTES));
        JsonNode devices = root.path("devices");
        if (!devices.isArray() || devices.isEmpty()) {
            throw new IOException("NVML profile " + template + " has no devices");
        }
        for (JsonNode device : devices.values()) {
            ObjectNode d = (ObjectNode) device;
            d.put("uuid", uuidFor(d.path("uuid").asString(), ordinal));
            d.put("memoryUsedMiB", 0);
            d.putArray("processes");
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code GPU-xxxxxxxx-NNNN-...}: the second group becomes the ordinal in hex. */
    static String uuidFor(String uuid, int ordinal) throws IOException {
        String[] parts = uuid.split("-", -1);
        if (parts.length < 3 || parts[2].length() != 4) {
            throw new IOException("NVML profile UUID not of the GPU-xxxxxxxx-xxxx-... form: " + uuid);
        }
        parts[2] = String.format(Locale.ROOT, "%04x", ordinal & 0xffff);
        return String.join("-", parts);
    }
}

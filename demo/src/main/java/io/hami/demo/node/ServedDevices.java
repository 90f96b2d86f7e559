package io.hami.demo.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The devices a node's device plugin serves, as its vendor's library reported them when the plugin started: written as
 * {@code devices.json} in the node's directory for whoever checks the containers' {@code Allocate} answers from
 * outside the node (which device an allocation's id stands for, which device nodes are that device's).
 *
 * @param devices in the plugin's order: a device the scheduler learns from node capacity is the one at the position
 *                its made-up id names
 */
public record ServedDevices(List<Device> devices) {

    /** The largest file read: a node's devices take a few KiB. */
    public static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ServedDevices {
        devices = List.copyOf(devices);
    }

    /**
     * One device.
     *
     * @param index the library's index
     * @param uuid  the id the node registers it by
     * @param minor the number of its main device node; null when the library does not tell
     * @param nodes the device nodes a container of it needs, shared control nodes included
     */
    public record Device(int index, String uuid, String type, Integer minor, List<String> nodes) {
        public Device {
            nodes = List.copyOf(nodes);
        }
    }

    /** The plugin's devices. */
    public static ServedDevices of(List<PhysicalDevice> devices) {
        return new ServedDevices(devices.stream().map(d -> new Device(d.index(), d.uuid(), d.type(),
                d.minor().isPresent() ? d.minor().getAsInt() : null, d.nodes())).toList());
    }

    /** Writes the record to {@code file} atomically. */
    public void write(Path file) throws IOException {
        var tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a record written by {@link #write}. */
    public static ServedDevices read(Path file) throws IOException {
        return JSON.readValue(UntrustedFiles.readBytes(file, MAX_BYTES), ServedDevices.class);
    }
}

package io.hami.demo.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MIG devices that exist on a node in dynamic MIG mode, as its NVML library lists them now (the discovery
 * {@code hami devices} prints): written as {@code mig-devices.json} in the node's directory whenever they change, so
 * that the demo, outside the node's process and so outside its NVML, can show instances being made and destroyed.
 *
 * @param gpus per GPU in MIG mode (by UUID, in NVML's order) the UUIDs of its MIG devices
 */
public record MigInstances(Map<String, List<String>> gpus) {
    private static final Logger LOG = LoggerFactory.getLogger(MigInstances.class);

    /** The largest file read: two hundred MIG devices take a few KiB. */
    public static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public MigInstances {
        var copy = new LinkedHashMap<String, List<String>>();
        gpus.forEach((gpu, devices) -> copy.put(gpu, List.copyOf(devices)));
        gpus = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every MIG device's UUID, of every GPU. */
    public List<String> all() {
        return gpus.values().stream().flatMap(List::stream).toList();
    }

    /** The MIG devices the discovery lists now. */
    public static MigInstances of(DeviceDiscovery discovery) {
        var gpus = new LinkedHashMap<String, List<String>>();
        for (var d : discovery.discover()) {
            if (d.migEnabled().orElse(false) && d.uuid().isPresent()) {
                gpus.put(d.uuid().get(), d.migDevices().stream().map(m -> m.uuid()).toList());
            }
        }
        return new MigInstances(gpus);
    }

    /** Writes the record to {@code file} atomically. */
    public void write(Path file) throws IOException {
        var tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a record written by {@link #write}. */
    public static MigInstances read(Path file) throws IOException {
        return JSON.readValue(UntrustedFiles.readBytes(file, MAX_BYTES), MigInstances.class);
    }

    /**
     * Lists the MIG devices now and then every {@code interval}, rewriting {@code file} when they changed, until
     * closed. A listing that fails is logged and tried again at the next interval.
     */
    public static AutoCloseable keepWritten(DeviceDiscovery discovery, Path file, Duration interval) throws IOException {
        var first = of(discovery);
        first.write(file);
        var thread = Thread.ofPlatform().daemon().name("hami-node-mig-devices").start(() -> {
            var last = first;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    var now = of(discovery);
                    if (!now.equals(last)) {
                        now.write(file);
                        last = now;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("MIG devices not written to {}: {}", file, e.toString());
                }
            }
        });
        return () -> {
            thread.interrupt();
            thread.join();
        };
    }
}

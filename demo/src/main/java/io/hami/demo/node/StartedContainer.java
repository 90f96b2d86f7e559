package io.hami.demo.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the node's kubelet started for one container, exactly as the device plugin's {@code Allocate} answered
 * (empty for a container without devices); written as {@code started/<podUID>_<container>.json} for whoever
 * checks the allocations from outside the node.
 *
 * @param namespace the pod's namespace
 * @param pod       the pod's name
 * @param uid       the pod's UID
 * @param container the container's name
 * @param deviceIds the device IDs kubelet passed to {@code Allocate}
 * @param envs      the response's environment
 * @param mounts    the response's mounts
 * @param devices   the response's device nodes
 * @param timeline  when the kubelet reached each step of the container's start
 */
public record StartedContainer(String namespace, String pod, String uid, String container, List<String> deviceIds,
        Map<String, String> envs, List<MountEntry> mounts, List<DeviceEntry> devices, Timeline timeline) {

    /** The largest record read: a record is a few KiB. */
    public static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StartedContainer {
        deviceIds = List.copyOf(deviceIds);
        envs = new TreeMap<>(envs);
        mounts = List.copyOf(mounts);
        devices = List.copyOf(devices);
        timeline = timeline == null ? Timeline.NONE : timeline;
    }

    /**
     * When the kubelet reached each step of a container's start, in microseconds since the epoch (0: not recorded), for
     * whoever measures where a start's time goes (the benchmarks): it saw the pod bound to its node, its device plugin's
     * {@code Allocate} answered for the container, the runtime had what the container is created with (for a lockless
     * container, after the shim's read of the allocation store), and the container ran.
     */
    public record Timeline(long seenMicros, long allocatedMicros, long preparedMicros, long startedMicros) {
        /** No times recorded. */
        public static final Timeline NONE = new Timeline(0, 0, 0, 0);
    }

    /** One mount of the response. */
    public record MountEntry(String containerPath, String hostPath, boolean readOnly) {
    }

    /** One device node of the response. */
    public record DeviceEntry(String containerPath, String hostPath, String permissions) {
    }

    /** The record of a container whose {@code Allocate} answered {@code response}. */
    public static StartedContainer of(PodContainer id, List<String> deviceIds, ContainerAllocateResponse response,
            Timeline timeline) {
        return new StartedContainer(id.namespace(), id.pod(), id.uid(), id.container(), deviceIds, response.getEnvsMap(),
                response.getMountsList().stream().map(m -> new MountEntry(m.getContainerPath(), m.getHostPath(), m.getReadOnly())).toList(),
                response.getDevicesList().stream().map(d -> new DeviceEntry(d.getContainerPath(), d.getHostPath(), d.getPermissions()))
                        .toList(), timeline);
    }

    /** Writes the record to {@code file} atomically: a reader sees the whole record or none. */
    public void write(Path file) throws IOException {
        var tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a record written by {@link #write}. */
    public static StartedContainer read(Path file) throws IOException {
        return JSON.readValue(UntrustedFiles.readBytes(file, MAX_BYTES), StartedContainer.class);
    }
}

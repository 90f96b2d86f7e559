package io.hami.runtimehook.hook;

import io.hami.runtimehook.oci.JsonObject;
import java.util.List;

/**
 * What the {@code createRuntime} hook found and did for one container, written to {@code <stateDir>/<id>.json}
 * for operators and for the monitor.
 *
 * @param id             the container id from the state
 * @param pod            {@code namespace/pod/container}
 * @param podUid         the pod's UID
 * @param gpus           the allocated GPU UUIDs
 * @param devices        the vendor device nodes the config names, verified on the host and in the cgroup rules
 * @param containerDir   the per-container HAMi-core directory on the host
 * @param createdDir     whether the hook had to create it
 * @param time           when the hook ran (ISO-8601)
 */
public record HookRecord(String id, String pod, String podUid, List<String> gpus, List<String> devices, String containerDir,
        boolean createdDir, String time) {

    public HookRecord {
        gpus = List.copyOf(gpus);
        devices = List.copyOf(devices);
    }

    /** The record as a JSON object, members in the order above. */
    public JsonObject toJson() {
        var node = new JsonObject().put("id", id).put("pod", pod).put("podUid", podUid);
        var gpuArray = node.putArray("gpus");
        for (var gpu : gpus) {
            gpuArray.add(gpu);
        }
        var deviceArray = node.putArray("devices");
        for (var device : devices) {
            deviceArray.add(device);
        }
        return node.put("containerDir", containerDir).put("createdDir", createdDir).put("time", time);
    }
}

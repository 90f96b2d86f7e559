package io.hami.runtimehook.hook;

import io.hami.model.protocol.HamiCoreLimits;
import io.hami.model.wire.AsciiText;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.HookException;
import io.hami.model.store.AtomicFiles;
import io.hami.runtimehook.bundle.Bundle;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.runtimehook.device.HostDevices;
import io.hami.runtimehook.identity.CriAnnotations;
import io.hami.runtimehook.inject.HostDirectories;
import io.hami.runtimehook.oci.ContainerState;
import io.hami.runtimehook.oci.OciJson;
import io.hami.runtimehook.oci.LinuxDevice;
import io.hami.runtimehook.oci.LinuxResources;
import io.hami.runtimehook.oci.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code hami hook createRuntime}: reads the container state from stdin, loads {@code config.json} from its bundle,
 * and for a container with a HAMi allocation checks that every vendor device node the config names exists on the host
 * with the same numbers and is allowed by the device cgroup rules, that the allocated GPUs all have a node, and that
 * the per-container directory exists (making it if missing); then records what it found. Any inconsistency is a
 * {@link HookException}: the runtime then aborts the container. Only {@code id} and {@code bundle} of the state are
 * relied on, since runc and crun differ in {@code status} and {@code pid}.
 */
public final class CreateRuntimeHook {
    private final RuntimeHookConfig config;
    private final HostDevices host;
    private final Clock clock;

    /** A hook that reads the host's device nodes through {@code nodes} and stamps its records with {@code clock}. */
    public CreateRuntimeHook(RuntimeHookConfig config, DeviceNodeLookup nodes, Clock clock) {
        this.config = config;
        this.host = new HostDevices(config, nodes);
        this.clock = clock;
    }

    /**
     * Runs the hook on the state JSON {@code stateJson}.
     *
     * @return the record written; empty for a container without a HAMi allocation
     * @throws HookException when the container must not start
     */
    public Optional<HookRecord> run(byte[] stateJson) throws HookException {
        var state = ContainerState.read(stateJson);
        var id = state.id().orElse(null);
        if (id == null || !isContainerId(id)) {
            throw new HookException("container state: id: not a container id: " + (id == null ? "missing" : WireFormatException.quote(id)));
        }
        var bundlePath = state.bundle().orElse(null);
        if (bundlePath == null || !bundlePath.startsWith("/")) {
            throw new HookException("container state: bundle: expected an absolute path: "
                    + (bundlePath == null ? "missing" : WireFormatException.quote(bundlePath)));
        }
        return check(id, Bundle.open(bundlePath).readConfig());
    }

    /**
     * The same checks on container {@code id} with configuration {@code spec}, for the runtime shim that makes them
     * itself on the configuration it is about to write instead of leaving them to a second JVM.
     *
     * @return the record written; empty for a container without a HAMi allocation
     * @throws HookException when the container must not start; nothing was written then
     */
    public Optional<HookRecord> check(String id, RuntimeSpec spec) throws HookException {
        if (id == null || !isContainerId(id)) {
            throw new HookException("container id: not a container id: " + (id == null ? "missing" : WireFormatException.quote(id)));
        }
        var env = spec.env();
        Optional<HamiCoreLimits> limits;
        try {
            limits = HamiCoreLimits.fromEnv(env);
        } catch (WireFormatException e) {
            throw new HookException("process.env: " + e.getMessage(), e);
        }
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        var identity = CriAnnotations.identity(spec.annotations());
        if (identity.isEmpty()) {
            throw new HookException("annotations: the container carries a HAMi allocation but no pod identity");
        }
        var pod = identity.get();
        var devices = verifyDevices(spec, limits.get().visibleUuids().size());
        var dir = Path.of(config.settings().hostContainerDir(pod.container()));
        boolean created = HostDirectories.ensureContainerDir(config, pod.container());
        var record = new HookRecord(id, pod.toString(), pod.container().podUid(), limits.get().visibleUuids(), devices,
                dir.toString(), created, UtcTimestamp.of(clock.millis()));
        write(record);
        return Optional.of(record);
    }

    private List<String> verifyDevices(RuntimeSpec spec, int gpus) throws HookException {
        var nodes = config.deviceNodes();
        var linux = spec.linux();
        var resources = linux.isPresent() ? linux.get().resources() : Optional.<LinuxResources>empty();
        var verified = new ArrayList<String>();
        int gpuNodes = 0;
        for (var d : linux.isPresent() ? linux.get().devices() : List.<LinuxDevice>of()) {
            var path = d.path();
            var number = path == null ? null : deviceNumber(nodes.perDevice(), path);
            boolean isGpu = number != null;
            if (path == null || !isGpu && !nodes.shared().contains(path)) {
                continue;
            }
            // a GPU's node must carry the numbers its name promises (the driver's major, minor N for nvidiaN)
            var node = isGpu ? host.requireDevice(Integer.parseInt(number), "linux.devices")
                    : host.require(path, "linux.devices");
            if (!node.sameDevice(d)) {
                throw new HookException("linux.devices: " + path + " is " + d.type() + " " + d.major() + ":" + d.minor()
                        + " but the host node is c " + node.major() + ":" + node.minor());
            }
            if (resources.isEmpty() || !resources.get().allowsCharDevice(node.major(), node.minor())) {
                throw new HookException("linux.resources.devices: " + node + " is not allowed read-write");
            }
            gpuNodes += isGpu ? 1 : 0;
            verified.add(path);
        }
        if (gpuNodes < gpus) {
            throw new HookException("linux.devices: " + gpus + " GPUs are allocated but only " + gpuNodes + " GPU device nodes are configured");
        }
        return verified;
    }

    private void write(HookRecord record) throws HookException {
        var dir = config.stateDir();
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            AtomicFiles.write(dir.resolve(record.id() + ".json"), OciJson.write(record.toJson()), PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new HookException("hook record in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The {@code {n}} of {@code path} when it is the per-device pattern with 1 to 6 digits for it, else {@code null}. */
    private static String deviceNumber(String pattern, String path) {
        int n = pattern.indexOf("{n}");
        if (n < 0) {
            return null;
        }
        var prefix = pattern.substring(0, n);
        var suffix = pattern.substring(n + 3);
        if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() - prefix.length() - suffix.length() < 1) {
            return null;
        }
        var number = path.substring(prefix.length(), path.length() - suffix.length());
        return number.length() <= 6 && AsciiText.isDigits(number) ? number : null;
    }

    /** A runtime's container id: {@code [A-Za-z0-9][A-Za-z0-9_.+-]*}, at most 128 characters. */
    private static boolean isContainerId(String id) {
        return AsciiText.isToken(id, 128, "_.+-");
    }
}

package io.hami.runtimehook.cdi;

import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreView;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceNode;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.runtimehook.device.HostDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the CDI spec of this node's GPUs: one device per GPU, named by its UUID, carrying its node; a device
 * {@code all} with every GPU's node; and shared edits with the control nodes, the node-wide HAMi-core mounts
 * ({@code libvgpu.so}, {@code /etc/ld.so.preload}, the lock directory) and the {@code createRuntime} hook. The
 * per-container region directory and the limit variables differ per container, so they are not in a CDI spec: they
 * come from {@code Allocate} or from the runtime shim.
 */
public final class CdiGenerator {

    private final RuntimeHookConfig config;
    private final HostDevices host;

    /** A generator that reads the host's device nodes through {@code nodes}. */
    public CdiGenerator(RuntimeHookConfig config, DeviceNodeLookup nodes) {
        this.config = config;
        this.host = new HostDevices(config, nodes);
    }

    /** A GPU as discovery reports it. */
    public record Gpu(String uuid, int minor) {
    }

    /**
     * The spec for {@code gpus}.
     *
     * @throws HookException when a GPU has no device node on the host, or one with other numbers than its minor gives,
     *                       or a UUID is not a valid CDI device name
     */
    public CdiSpec generate(List<Gpu> gpus) throws HookException {
        var devices = new ArrayList<CdiSpec.Device>();
        var all = new ArrayList<CdiSpec.DeviceNode>();
        for (var gpu : gpus) {
            if (!gpu.uuid().matches("[A-Za-z][A-Za-z0-9_.:-]{0,127}")) {
                throw new HookException("GPU " + HookException.oneLine(gpu.uuid()) + ": not a valid CDI device name");
            }
            var node = edit(host.requireDevice(gpu.minor(), "GPU " + gpu.uuid()));
            all.add(node);
            devices.add(new CdiSpec.Device(gpu.uuid(), new CdiSpec.ContainerEdits(null, List.of(node), null, null)));
        }
        if (!gpus.isEmpty()) {
            devices.add(new CdiSpec.Device("all", new CdiSpec.ContainerEdits(null, all, null, null)));
        }
        var shared = new CdiSpec.ContainerEdits(null, sharedNodes(), mounts(), hooks());
        return new CdiSpec(CdiVersions.required(devices, shared), HamiAnnotations.CDI_KIND, devices, shared);
    }

    private List<CdiSpec.DeviceNode> sharedNodes() throws HookException {
        var nodes = new ArrayList<CdiSpec.DeviceNode>();
        for (var path : config.deviceNodes().shared()) {
            var found = host.find(path);
            if (found.isPresent()) {
                nodes.add(edit(found.get()));
            }
        }
        return nodes;
    }

    private CdiSpec.DeviceNode edit(DeviceNode node) {
        var hostPath = config.hostNode(node.path());
        var differs = !hostPath.equals(Path.of(node.path()));
        return new CdiSpec.DeviceNode(node.path(), differs ? hostPath.toString() : null, "c", node.major(), node.minor(), null, "rwm");
    }

    private List<CdiSpec.MountEdit> mounts() throws HookException {
        var edits = new ArrayList<CdiSpec.MountEdit>();
        for (var m : HamiCoreView.nodeMounts(config.settings(), false)) {
            if (!m.directory() && !Files.isRegularFile(Path.of(m.hostPath()))) {
                throw new HookException("HAMi-core is not installed: " + m.hostPath() + " is not a file");
            }
            edits.add(new CdiSpec.MountEdit(m.hostPath(), m.containerPath(),
                    List.of(m.directory() ? "rbind" : "bind", "nosuid", "nodev", m.readOnly() ? "ro" : "rw")));
        }
        return edits;
    }

    private List<CdiSpec.Hook> hooks() {
        if (config.hookCommand().isEmpty()) {
            return List.of();
        }
        var env = new ArrayList<String>();
        env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        config.configFile().ifPresent(f -> env.add("HAMI_RUNTIME_CONFIG=" + f));
        return List.of(new CdiSpec.Hook("createRuntime", config.hookCommand().get().toString(),
                List.of("hami", "hook", "createRuntime"), env, config.hookTimeout()));
    }
}

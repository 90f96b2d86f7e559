package io.hami.runtimehook.inject;

import io.hami.model.protocol.HamiCoreView;
import io.hami.model.protocol.HamiCoreLimits;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.store.AllocationStore;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceNode;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.runtimehook.device.DeviceResolver;
import io.hami.runtimehook.device.HostDevices;
import io.hami.runtimehook.identity.CriAnnotations;
import io.hami.runtimehook.identity.PodIdentity;
import io.hami.runtimehook.oci.OciHook;
import io.hami.runtimehook.oci.OciLinux;
import io.hami.runtimehook.oci.RuntimeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plans the edit of one {@code config.json}: a container whose environment carries a HAMi allocation (the variables
 * of HAMi's or our {@code Allocate}, or, in lockless mode, {@link AllocationStore#LOCKLESS_DEVICES_ENV} and the
 * container's record in the allocation store, from which the shim sets HAMi-core's variables itself) gets the allocated GPUs' device nodes and cgroup rules, the control nodes, the
 * HAMi-core mounts it lacks, a shared-cache variable if it has none, and the {@code createRuntime} hook. A container
 * without an allocation gets nothing. Host paths come only from the configuration and from the validated pod
 * identity; a device only from a UUID the management library knows, and only when the host's node for it has the
 * numbers the library gives that device.
 */
public final class Injector {

    private final RuntimeHookConfig config;
    private final DeviceResolver resolver;
    private final HostDevices host;
    private final Supplier<String> cacheIds;
    private final AllocationRecords records;

    /** A planner that reads the host's nodes through {@code nodes} and draws fresh region file names from random UUIDs. */
    public Injector(RuntimeHookConfig config, DeviceResolver resolver, DeviceNodeLookup nodes) {
        this(config, resolver, nodes, new RandomIds());
    }

    /** A planner with its own source of region file names (tests). */
    public Injector(RuntimeHookConfig config, DeviceResolver resolver, DeviceNodeLookup nodes, Supplier<String> cacheIds) {
        this(config, resolver, nodes, cacheIds, new AllocationRecords(
                AllocationStore.under(Path.of(config.settings().vgpuDir())), config.allocationWait()));
    }

    /** A planner with its own source of region file names and of allocation records (tests). */
    Injector(RuntimeHookConfig config, DeviceResolver resolver, DeviceNodeLookup nodes, Supplier<String> cacheIds,
             AllocationRecords records) {
        this.records = records;
        this.config = config;
        this.resolver = resolver;
        this.host = new HostDevices(config, nodes);
        this.cacheIds = cacheIds;
    }

    /**
     * The edit for {@code spec}; empty when the container carries no HAMi allocation.
     *
     * @throws HookException when the allocation is malformed, names an unknown device, lacks a pod identity, or
     *                       HAMi-core is not installed where the configuration says
     */
    public Optional<AllocationPlan> plan(RuntimeSpec spec) throws HookException {
        var env = spec.env();
        var addEnv = new LinkedHashMap<String, String>();
        if (env.containsKey(AllocationStore.LOCKLESS_DEVICES_ENV)) {
            addEnv.putAll(locklessEnv(spec));
            var seen = new LinkedHashMap<>(env);
            seen.putAll(addEnv);
            env = seen;
        }
        Optional<HamiCoreLimits> found;
        try {
            found = HamiCoreLimits.fromEnv(env);
        } catch (WireFormatException e) {
            throw new HookException("process.env: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var limits = found.get();
        var identity = CriAnnotations.identity(spec.annotations());
        if (identity.isEmpty()) {
            throw new HookException(
                    "annotations: the container carries a HAMi allocation but no pod identity (io.kubernetes.cri.sandbox-uid, …)");
        }
        var pod = identity.get();
        var settings = config.settings();
        checkSharedCache(limits, settings, addEnv);
        var devices = devices(limits);
        var mounts = MountPlan.missing(spec, config, pod, HamiCoreView.disablesControl(env.get(HamiCoreView.DISABLE_CONTROL)));
        var hostDir = Path.of(settings.hostContainerDir(pod.container()));
        return Optional.of(new AllocationPlan(pod, limits, addEnv, devices, mounts, hook(spec), hostDir));
    }

    /**
     * HAMi-core's variables of a lockless container, from its record in the allocation store (its devices, and the
     * device plugin's {@code CUDA_OVERSUBSCRIBE}, {@code LIBCUDA_LOG_LEVEL} and {@code GPU_CORE_UTILIZATION_POLICY});
     * a region file name the container already carries (a second pass) is kept.
     */
    private Map<String, String> locklessEnv(RuntimeSpec spec) throws HookException {
        var env = spec.env();
        var text = env.get(AllocationStore.LOCKLESS_DEVICES_ENV);
        int count;
        try {
            count = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > HamiCoreView.MAX_DEVICES || !text.equals(Integer.toString(count))) {
            throw new HookException("process.env: " + AllocationStore.LOCKLESS_DEVICES_ENV + ": expected a device count 1.."
                    + HamiCoreView.MAX_DEVICES + ": " + WireFormatException.quote(text));
        }
        var pod = CriAnnotations.identity(spec.annotations());
        if (pod.isEmpty()) {
            throw new HookException(
                    "annotations: the container has a lockless allocation but no pod identity (io.kubernetes.cri.sandbox-uid, …)");
        }
        var entry = records.await(pod.get(), count);
        // the optional variables are the plugin's, from the record, as its Allocate gives them in lock mode
        var settings = config.settings().withOptions(entry.hamiCore());
        var cache = env.get(HamiCoreView.SHARED_CACHE);
        if (cache == null || !HamiCoreView.isSharedCachePath(settings, cache)) {
            cache = HamiCoreView.sharedCachePath(settings, cacheIds.get());
        }
        return HamiCoreView.env(entry.devices(), settings, cache);
    }

    private void checkSharedCache(HamiCoreLimits limits, HamiCoreSettings settings, Map<String, String> addEnv) throws HookException {
        if (limits.sharedCache().isEmpty()) {
            addEnv.put(HamiCoreView.SHARED_CACHE, HamiCoreView.sharedCachePath(settings, cacheIds.get()));
            return;
        }
        var path = limits.sharedCache().get();
        if (!HamiCoreView.isSharedCachePath(settings, path)) {
            throw new HookException("process.env: " + HamiCoreView.SHARED_CACHE + ": expected " + settings.vgpuDir()
                    + "/<name>.cache: " + WireFormatException.quote(path));
        }
    }

    private List<DeviceNode> devices(HamiCoreLimits limits) throws HookException {
        var nodes = new ArrayList<DeviceNode>();
        for (var uuid : limits.visibleUuids()) {
            var node = host.requireDevice(resolver.minor(uuid), "GPU " + uuid);
            if (!hasPath(nodes, node.path())) {
                nodes.add(node);
            }
        }
        for (var shared : config.deviceNodes().shared()) {
            var node = host.find(shared);
            if (node.isPresent()) {
                nodes.add(node.get());
            }
        }
        return nodes;
    }

    // Plain loops, not streams or lambdas, on this path: a container start loads no class it can do without
    // (docs/performance.md, the container-start row).
    private static boolean hasPath(List<DeviceNode> nodes, String path) {
        for (var n : nodes) {
            if (n.path().equals(path)) {
                return true;
            }
        }
        return false;
    }

    private Optional<OciHook> hook(RuntimeSpec spec) {
        if (config.hookCommand().isEmpty()) {
            return Optional.empty();
        }
        var env = new ArrayList<String>();
        env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        if (config.configFile().isPresent()) {
            env.add("HAMI_RUNTIME_CONFIG=" + config.configFile().get());
        }
        var hook = new OciHook(config.hookCommand().get().toString(), List.of("hami", "hook", "createRuntime"), env,
                config.hookTimeout());
        var hooks = spec.hooks();
        if (hooks.isPresent()) {
            for (var h : hooks.get().createRuntime()) {
                if (h.sameCommand(hook)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(hook);
    }

    /** Applies {@code plan} to {@code spec}: variables, device nodes and cgroup rules, mounts, the hook. */
    public static void apply(RuntimeSpec spec, AllocationPlan plan) throws HookException {
        var linux = spec.linuxOrCreate();
        for (var node : plan.devices()) {
            for (var d : linux.devices()) {
                if (node.path().equals(d.path()) && !node.sameDevice(d)) {
                    throw new HookException("linux.devices: " + node.path() + " is already there with other numbers than the host's "
                            + node.major() + ":" + node.minor());
                }
            }
        }
        var process = spec.process();
        if (process.isEmpty()) {
            throw new HookException("process: missing, but the allocation is in its env");
        }
        for (var e : plan.env().entrySet()) {
            process.get().putEnv(e.getKey(), e.getValue());
        }
        var resources = linux.resourcesOrCreate();
        for (var node : plan.devices()) {
            if (!hasDevice(linux, node.path())) {
                linux.addDevice(node.linuxDevice());
            }
            if (!resources.allowsCharDevice(node.major(), node.minor())) {
                resources.addDevice(node.allowRule());
            }
        }
        for (var mount : plan.mounts()) {
            spec.addMount(mount);
        }
        if (plan.hook().isPresent()) {
            spec.hooksOrCreate().addCreateRuntime(plan.hook().get());
        }
    }

    private static boolean hasDevice(OciLinux linux, String path) {
        for (var d : linux.devices()) {
            if (path.equals(d.path())) {
                return true;
            }
        }
        return false;
    }
}

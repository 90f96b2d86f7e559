package io.hami.runtimehook.shim;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.bundle.Bundle;
import io.hami.runtimehook.config.RuntimeHookConfig;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.runtimehook.device.DeviceResolver;
import io.hami.runtimehook.hook.CreateRuntimeHook;
import io.hami.runtimehook.inject.AllocationPlan;
import io.hami.runtimehook.inject.HostDirectories;
import io.hami.runtimehook.inject.Injector;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The edit half of {@code hami runtime}: for {@code create} and {@code run}, loads the bundle's {@code config.json};
 * when the container carries a HAMi allocation, plans the additions, applies them, makes the host directories the new
 * mounts need and replaces the file atomically (a refusal at any step leaves the file as it was). Every other verb, and a container without an allocation, leaves the bundle exactly as
 * it was (the file is not even rewritten). Running the real runtime afterwards is the caller's part.
 *
 * <p>The {@code createRuntime} hook's checks (every vendor node the edited file names is the host's, allowed by the cgroup
 * rules; the per-container directory exists) and its record are made here, in the same JVM, on the file about to be
 * written; the hook itself is added only when the configuration asks for it ({@code startHook}), to repeat them when
 * the runtime creates the container.
 */
public final class RuntimeShim {
    private final RuntimeHookConfig config;
    private final DeviceNodeLookup nodes;
    private final Supplier<DeviceResolver> resolvers;
    private final Clock clock;

    /**
     * A shim that reads the host's device nodes through {@code nodes} and asks {@code resolvers} for a device resolver
     * per container (it should open its library lazily).
     */
    public RuntimeShim(RuntimeHookConfig config, DeviceNodeLookup nodes, Supplier<DeviceResolver> resolvers) {
        this(config, nodes, resolvers, Clock.systemUTC());
    }

    /** The same, stamping the checks' records with {@code clock}. */
    public RuntimeShim(RuntimeHookConfig config, DeviceNodeLookup nodes, Supplier<DeviceResolver> resolvers, Clock clock) {
        this.config = config;
        this.nodes = nodes;
        this.resolvers = resolvers;
        this.clock = clock;
    }

    /**
     * Edits the bundle of {@code args} if it needs it.
     *
     * @return the plan that was applied; empty when nothing was changed
     * @throws HookException when the container must not be created; nothing was written then
     */
    public Optional<AllocationPlan> prepare(RuntimeArgs args) throws HookException {
        if (!args.createsContainer()) {
            return Optional.empty();
        }
        var bundle = Bundle.open(args.bundle().orElse("."));
        var spec = bundle.readConfig();
        Optional<AllocationPlan> plan;
        try (var resolver = resolvers.get()) {
            plan = new Injector(config.startHook() ? config : config.withHookCommand(Optional.empty()), resolver, nodes).plan(spec);
        }
        if (plan.isEmpty()) {
            return plan;
        }
        var p = plan.get();
        Injector.apply(spec, p);
        // Only the directories this edit mounts: runc makes bind mounts before it runs createRuntime hooks.
        if (mountsSource(p, config.vgpuLockDir().toString())) {
            HostDirectories.ensureLockDir(config);
        }
        if (mountsSource(p, p.hostContainerDir().toString())) {
            HostDirectories.ensureContainerDir(config, p.pod().container());
        }
        if (!config.startHook()) {
            new CreateRuntimeHook(config, nodes, clock).check(args.id().orElse(null), spec);
        }
        bundle.writeConfig(spec);
        return plan;
    }

    // A loop, not a stream: a container start loads no class it can do without (docs/performance.md).
    private static boolean mountsSource(AllocationPlan plan, String source) {
        for (var m : plan.mounts()) {
            if (source.equals(m.source())) {
                return true;
            }
        }
        return false;
    }
}

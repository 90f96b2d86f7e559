package io.hami.scheduler.webhook;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.hami.model.config.GpuCorePolicy;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-container admission defaults (HAMi's {@code MutateAdmission}), editing the container in place. NVIDIA follows
 * HAMi's (docs/scheduler.md, "Webhook"); the vendors with rules of their own are in {@link VendorDefaults}; the others
 * (Cambricon, Hygon, MetaX whole GPUs) only report whether the container asks for them (count resource in
 * {@code limits}). The small editing helpers here serve both.
 */
final class ContainerDefaults {

    static final String TASK_PRIORITY = "CUDA_TASK_PRIORITY";
    static final String CORE_POLICY = "GPU_CORE_UTILIZATION_POLICY";
    static final String VISIBLE_DEVICES = "NVIDIA_VISIBLE_DEVICES";

    private ContainerDefaults() {
    }

    /** Whether the container's limits name the type's count resource. */
    static boolean countInLimits(Container c, DeviceType type) {
        return limits(c).containsKey(type.descriptor().resources().count());
    }

    /**
     * NVIDIA's defaults: checks the memory percentage, passes priority and core policy as environment, adds the
     * default GPU count to containers that ask only memory or cores, makes a count-only request exclusive (cores 100),
     * sets the runtime class, and hides GPUs from other containers when {@code overwriteEnv}.
     *
     * @return whether the container asks for NVIDIA GPUs
     * @throws IllegalArgumentException when the memory percentage is not an integer in 0..100
     */
    static boolean nvidia(Container c, Pod pod, DeviceType type, NvidiaConfig config) {
        var names = type.descriptor().resources();
        String count = names.count();
        Optional<String> memory = names.memory();
        Optional<String> percent = names.memoryPercentage();
        Optional<String> cores = names.cores();
        if (percent.isPresent()) {
            Optional<String> text = KubeObjects.resource(c, percent.get());
            if (text.isPresent()) {
                OptionalLong v = exact(percent.get(), text.get());
                if (v.isEmpty() || v.getAsLong() < 0 || v.getAsLong() > 100) {
                    throw new IllegalArgumentException("invalid " + percent.get() + " value " + text.get()
                            + " in container " + KubeObjects.name(c) + ": must be an integer between 0 and 100");
                }
            }
        }
        Map<String, Quantity> limits = limits(c);
        if (names.priority().isPresent() && limits.containsKey(names.priority().get())) {
            String text = KubeObjects.limit(c, names.priority().get()).orElseThrow();
            OptionalLong v = exact(names.priority().get(), text);
            setEnv(c, TASK_PRIORITY, v.isPresent() ? Long.toString(v.getAsLong()) : text);
        }
        if (config.gpuCorePolicy() != GpuCorePolicy.DEFAULT) {
            setEnv(c, CORE_POLICY, config.gpuCorePolicy().wireName());
        }
        boolean has = limits.containsKey(count);
        if (!has && config.defaultGPUNum() > 0 && (in(limits, cores) || in(limits, memory) || in(limits, percent))) {
            putLimit(c, count, Integer.toString(config.defaultGPUNum()));
            has = true;
        }
        boolean countGiven = KubeObjects.resource(c, count).isPresent();
        boolean coresGiven = cores.isPresent() && KubeObjects.resource(c, cores.get()).isPresent();
        if (countGiven && cores.isPresent() && !coresGiven) {
            Optional<String> pct = percent.flatMap(p -> KubeObjects.resource(c, p));
            boolean whole = pct.isPresent()
                    ? exact(percent.get(), pct.get()).orElse(-1) == 100
                    : memory.isEmpty() || KubeObjects.resource(c, memory.get()).isEmpty();
            if (whole) {
                putLimit(c, cores.get(), "100");
                has = true;
            }
        }
        if (has && pod.getSpec().getRuntimeClassName() == null && !config.runtimeClassName().isEmpty()) {
            pod.getSpec().setRuntimeClassName(config.runtimeClassName());
        }
        if (!has && config.overwriteEnv()) {
            setEnv(c, VISIBLE_DEVICES, "none");
        }
        return has;
    }

    private static boolean in(Map<String, Quantity> limits, Optional<String> name) {
        return name.isPresent() && limits.containsKey(name.get());
    }

    static Map<String, Quantity> limits(Container c) {
        if (c.getResources() == null || c.getResources().getLimits() == null) {
            return Map.of();
        }
        return c.getResources().getLimits();
    }

    static void putLimit(Container c, String name, String value) {
        if (c.getResources() == null) {
            c.setResources(new ResourceRequirements());
        }
        var limits = new LinkedHashMap<String, Quantity>();
        if (c.getResources().getLimits() != null) {
            limits.putAll(c.getResources().getLimits());
        }
        limits.put(name, new Quantity(value));
        c.getResources().setLimits(limits);
    }

    /**
     * Sets a resource's limit and, where the container also requests it, its request (Kubernetes wants the two equal
     * for extended resources).
     */
    static void putResource(Container c, String name, String value) {
        putLimit(c, name, value);
        if (c.getResources().getRequests() != null && c.getResources().getRequests().containsKey(name)) {
            var requests = new LinkedHashMap<>(c.getResources().getRequests());
            requests.put(name, new Quantity(value));
            c.getResources().setRequests(requests);
        }
    }

    /** Sets a resource's limit and its request, whether or not the container requested it. */
    static void putLimitAndRequest(Container c, String name, String value) {
        putLimit(c, name, value);
        var requests = new LinkedHashMap<String, Quantity>();
        if (c.getResources().getRequests() != null) {
            requests.putAll(c.getResources().getRequests());
        }
        requests.put(name, new Quantity(value));
        c.getResources().setRequests(requests);
    }

    /** Whether the container's environment names the variable. */
    static boolean hasEnv(Container c, String name) {
        return c.getEnv() != null && c.getEnv().stream().anyMatch(e -> name.equals(e.getName()));
    }

    /** Sets an environment variable, replacing an earlier value of the same name. */
    static void setEnv(Container c, String name, String value) {
        var env = new ArrayList<EnvVar>();
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (!name.equals(e.getName())) {
                    env.add(e);
                }
            }
        }
        env.add(new EnvVar(name, value, null));
        c.setEnv(env);
    }

    private static OptionalLong exact(String resource, String text) {
        try {
            return io.hami.model.quantity.Quantity.parse(resource, text).asExactLong();
        } catch (WireFormatException e) {
            return OptionalLong.empty();
        }
    }
}

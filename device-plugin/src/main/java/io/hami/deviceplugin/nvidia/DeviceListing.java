package io.hami.deviceplugin.nvidia;

import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HostDevice;
import io.hami.model.protocol.Mount;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How {@code Allocate} names a container's GPUs to the container runtime: NVIDIA's device-list strategies and
 * {@code passDeviceSpecs}, answered as HAMi's and NVIDIA's plugins answer them (docs/vendors.md, "NVIDIA — device
 * lists"). HAMi-core's own variables and mounts are added whatever the strategy.
 *
 * <ul>
 *   <li>{@code envvar}: {@code NVIDIA_VISIBLE_DEVICES=<uuid>,<uuid>} (the default);</li>
 *   <li>{@code volume-mounts}: {@code NVIDIA_VISIBLE_DEVICES=/var/run/nvidia-container-devices} and one mount of
 *       {@code /dev/null} at {@code /var/run/nvidia-container-devices/<uuid>} per GPU;</li>
 *   <li>{@code cdi-annotations}: the annotation {@code <prefix>nvidia-device-plugin_<response id>} listing the CDI
 *       names {@code <kind>=<uuid>};</li>
 *   <li>{@code cdi-cri}: the same names as the response's CDI devices (kubelet 1.28 and newer).</li>
 * </ul>
 * With only CDI strategies the container gets no device list variable and no device nodes from us: the runtime's CDI
 * injection gives it the GPUs. {@code passDeviceSpecs} adds the device nodes (the control nodes that exist, then each
 * GPU's {@code /dev/nvidia<minor>}) unless every strategy is CDI.
 *
 * @param strategies          the strategies, at least one
 * @param passDeviceSpecs     whether the device nodes are handed to kubelet
 * @param cdiKind             the CDI kind the names use ({@code hami.io/gpu}, our generated spec's, by default)
 * @param cdiAnnotationPrefix the prefix of the CDI annotation's key
 */
public record DeviceListing(Set<Strategy> strategies, boolean passDeviceSpecs, String cdiKind,
                            String cdiAnnotationPrefix) {

    /** NVIDIA's device-list strategies by their flag names. */
    public enum Strategy {
        ENVVAR("envvar"), VOLUME_MOUNTS("volume-mounts"), CDI_ANNOTATIONS("cdi-annotations"), CDI_CRI("cdi-cri");

        private final String flag;

        Strategy(String flag) {
            this.flag = flag;
        }

        /** The name the flag and the chart take. */
        public String flag() {
            return flag;
        }

        boolean cdi() {
            return this == CDI_ANNOTATIONS || this == CDI_CRI;
        }
    }

    /** The variable that lists a container's GPUs. */
    public static final String VISIBLE_DEVICES = "NVIDIA_VISIBLE_DEVICES";
    /** Where {@code volume-mounts} lists them. */
    public static final String VOLUME_MOUNT_ROOT = "/var/run/nvidia-container-devices";
    /** CDI's annotation prefix, NVIDIA's default. */
    public static final String DEFAULT_CDI_ANNOTATION_PREFIX = "cdi.k8s.io/";
    /** The plugin part of the CDI annotation's key, as HAMi's and NVIDIA's plugins write it. */
    static final String CDI_ANNOTATION_PLUGIN = "nvidia-device-plugin";
    /** Control nodes, in NVIDIA's order; each is handed out only when it exists. */
    static final List<String> CONTROL_NODES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
            "/dev/nvidia-modeset");

    /** The default: the variable, nothing else. */
    public static DeviceListing envvar() {
        return new DeviceListing(EnumSet.of(Strategy.ENVVAR), false, HamiAnnotations.CDI_KIND,
                DEFAULT_CDI_ANNOTATION_PREFIX);
    }

    public DeviceListing {
        strategies = Set.copyOf(strategies);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("--device-list-strategy: at least one of envvar, volume-mounts, "
                    + "cdi-annotations, cdi-cri");
        }
        Objects.requireNonNull(cdiKind, "cdiKind");
        if (!cdiKind.matches("[a-z0-9][a-z0-9.-]*/[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("--cdi-kind: expected vendor/class as CDI names kinds, e.g. "
                    + HamiAnnotations.CDI_KIND + ": " + cdiKind);
        }
        Objects.requireNonNull(cdiAnnotationPrefix, "cdiAnnotationPrefix");
        if (!cdiAnnotationPrefix.matches("([a-z0-9]([a-z0-9.-]*[a-z0-9])?/)?")) {
            throw new IllegalArgumentException("--cdi-annotation-prefix: expected a DNS name and '/', e.g. "
                    + DEFAULT_CDI_ANNOTATION_PREFIX + ": " + cdiAnnotationPrefix);
        }
    }

    /**
     * The strategies of the flag's words ({@code envvar}, {@code volume-mounts}, {@code cdi-annotations},
     * {@code cdi-cri}).
     *
     * @throws IllegalArgumentException naming a word that is none of them, or a word given twice
     */
    public static Set<Strategy> parse(List<String> words) {
        var out = EnumSet.noneOf(Strategy.class);
        for (String raw : words) {
            String word = raw.strip().toLowerCase(Locale.ROOT);
            Strategy found = null;
            for (Strategy s : Strategy.values()) {
                if (s.flag().equals(word)) {
                    found = s;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("--device-list-strategy: unknown strategy \"" + raw
                        + "\" (envvar, volume-mounts, cdi-annotations or cdi-cri)");
            }
            if (!out.add(found)) {
                throw new IllegalArgumentException("--device-list-strategy: " + word + " given twice");
            }
        }
        return out;
    }

    /** Whether every strategy is a CDI one. */
    public boolean onlyCdi() {
        return strategies.stream().allMatch(Strategy::cdi);
    }

    /**
     * The container's answer: HAMi-core's {@code spec} with its GPUs named as the strategies say.
     *
     * @param uuids      the container's GPUs, in the allocation's order
     * @param minorOf    a GPU's minor number (its {@code /dev/nvidia<minor>}), read only for {@code passDeviceSpecs}
     * @param nodeExists whether a control node exists (the plugin's pod sees the host's {@code /dev})
     * @param responseId a fresh id for this container's answer (the CDI annotation's key)
     * @throws IllegalArgumentException when a GPU's device node is to be passed but its minor is unknown
     */
    public ContainerSpec apply(ContainerSpec spec, List<String> uuids, Function<String, OptionalInt> minorOf,
                               Predicate<String> nodeExists, String responseId) {
        var unique = new LinkedHashSet<>(uuids);
        var env = new LinkedHashMap<>(spec.env());
        var mounts = new ArrayList<>(spec.mounts());
        var nodes = new ArrayList<>(spec.devices());
        var annotations = new LinkedHashMap<>(spec.annotations());
        var cdiDevices = new ArrayList<>(spec.cdiDevices());
        var cdiNames = unique.stream().map(u -> cdiKind + "=" + u).toList();
        if (strategies.contains(Strategy.CDI_ANNOTATIONS)) {
            annotations.put(cdiAnnotationPrefix + CDI_ANNOTATION_PLUGIN + "_" + responseId, String.join(",", cdiNames));
        }
        if (strategies.contains(Strategy.CDI_CRI)) {
            cdiDevices.addAll(cdiNames);
        }
        if (onlyCdi()) {
            env.remove(VISIBLE_DEVICES);
            return new ContainerSpec(env, mounts, nodes, annotations, cdiDevices);
        }
        if (strategies.contains(Strategy.ENVVAR)) {
            env.put(VISIBLE_DEVICES, String.join(",", unique));
        } else {
            env.remove(VISIBLE_DEVICES);
        }
        if (strategies.contains(Strategy.VOLUME_MOUNTS)) {
            env.put(VISIBLE_DEVICES, VOLUME_MOUNT_ROOT);
            for (String uuid : unique) {
                mounts.add(new Mount(VOLUME_MOUNT_ROOT + "/" + uuid, "/dev/null", Mount.Kind.FILE, false));
            }
        }
        if (passDeviceSpecs) {
            nodes.addAll(deviceSpecs(unique, minorOf, nodeExists, nodes));
        }
        return new ContainerSpec(env, mounts, nodes, annotations, cdiDevices);
    }

    private static List<HostDevice> deviceSpecs(Set<String> uuids, Function<String, OptionalInt> minorOf,
                                                Predicate<String> nodeExists, List<HostDevice> already) {
        var paths = new LinkedHashSet<String>();
        for (String control : CONTROL_NODES) {
            if (nodeExists.test(control)) {
                paths.add(control);
            }
        }
        for (String uuid : uuids) {
            OptionalInt minor = minorOf.apply(uuid);
            if (minor.isEmpty()) {
                throw new IllegalArgumentException("device " + uuid + ": no minor number, so no device node to pass "
                        + "(passDeviceSpecs)");
            }
            paths.add("/dev/nvidia" + minor.getAsInt());
        }
        already.forEach(h -> paths.remove(h.containerPath()));
        return paths.stream().map(HostDevice::same).toList();
    }
}

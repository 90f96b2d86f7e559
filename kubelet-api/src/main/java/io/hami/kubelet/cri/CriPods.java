package io.hami.kubelet.cri;

import io.hami.kubelet.cri.v1.ContainerConfig;
import io.hami.kubelet.cri.v1.ContainerMetadata;
import io.hami.kubelet.cri.v1.Device;
import io.hami.kubelet.cri.v1.ImageSpec;
import io.hami.kubelet.cri.v1.KeyValue;
import io.hami.kubelet.cri.v1.LinuxContainerConfig;
import io.hami.kubelet.cri.v1.LinuxContainerSecurityContext;
import io.hami.kubelet.cri.v1.LinuxPodSandboxConfig;
import io.hami.kubelet.cri.v1.LinuxSandboxSecurityContext;
import io.hami.kubelet.cri.v1.Mount;
import io.hami.kubelet.cri.v1.NamespaceMode;
import io.hami.kubelet.cri.v1.NamespaceOption;
import io.hami.kubelet.cri.v1.PodSandboxConfig;
import io.hami.kubelet.cri.v1.PodSandboxMetadata;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configs kubelet sends over CRI for one pod: the sandbox's, and each container's with what the device plugin's
 * {@code Allocate} answered for it (its environment, mounts, device nodes and annotations, as kubelet passes them on
 * unchanged). The runtime (containerd's CRI plugin) turns the pod's metadata into the {@code io.kubernetes.cri.*}
 * annotations of each container's OCI config, which the runtime shim reads.
 *
 * <p>Pods run in the node's network namespace: a simulated node has no CNI plugins, and a sandbox in a network
 * namespace of its own would need one to start (containerd sets a pod's network up through CNI). Each container has its
 * own PID namespace, kubelet's default for a pod without {@code shareProcessNamespace}.
 */
public final class CriPods {
    /** kubelet's labels on a sandbox and its containers, which name the pod. */
    public static final String POD_NAME_LABEL = "io.kubernetes.pod.name";
    public static final String POD_NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
    public static final String POD_UID_LABEL = "io.kubernetes.pod.uid";
    public static final String CONTAINER_NAME_LABEL = "io.kubernetes.container.name";

    private CriPods() {
    }

    /**
     * A sandbox config as kubelet writes it for pod {@code namespace/name} with UID {@code uid}, its containers' logs
     * under {@code logDirectory}.
     */
    public static PodSandboxConfig sandbox(String namespace, String name, String uid, Path logDirectory) {
        var labels = labels(namespace, name, uid);
        return PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setNamespace(namespace).setName(name).setUid(uid).setAttempt(0))
                .setLogDirectory(logDirectory.toAbsolutePath().toString())
                .putAllLabels(labels)
                .setLinux(LinuxPodSandboxConfig.newBuilder().setSecurityContext(LinuxSandboxSecurityContext.newBuilder()
                        .setNamespaceOptions(namespaces())))
                .build();
    }

    /**
     * A container config as kubelet writes it: {@code image} running {@code command}, with the environment, mounts,
     * device nodes and annotations of the device plugin's answer (the default instance for a container without
     * devices), and {@code env} before them.
     */
    public static ContainerConfig container(PodSandboxConfig sandbox, String name, String image, List<String> command,
            List<String> env, ContainerAllocateResponse allocation) {
        var metadata = sandbox.getMetadata();
        var config = ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(name).setAttempt(0))
                .setImage(ImageSpec.newBuilder().setImage(image))
                .addAllCommand(command)
                .putAllLabels(labels(metadata.getNamespace(), metadata.getName(), metadata.getUid()))
                .putLabels(CONTAINER_NAME_LABEL, name)
                .putAllAnnotations(allocation.getAnnotationsMap())
                .setLogPath(name + "/0.log")
                .setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(LinuxContainerSecurityContext.newBuilder()
                        .setNamespaceOptions(namespaces())));
        for (var entry : env) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("environment entry without a name: " + entry);
            }
            config.addEnvs(KeyValue.newBuilder().setKey(entry.substring(0, eq)).setValue(entry.substring(eq + 1)));
        }
        // the answer's variables are a map, without an order: by name, so that one answer always gives one config
        new TreeMap<>(allocation.getEnvsMap()).forEach((k, v) -> config.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
        for (var m : allocation.getMountsList()) {
            config.addMounts(Mount.newBuilder().setContainerPath(m.getContainerPath()).setHostPath(m.getHostPath())
                    .setReadonly(m.getReadOnly()));
        }
        for (var d : allocation.getDevicesList()) {
            config.addDevices(Device.newBuilder().setContainerPath(d.getContainerPath()).setHostPath(d.getHostPath())
                    .setPermissions(d.getPermissions()));
        }
        return config.build();
    }

    private static Map<String, String> labels(String namespace, String name, String uid) {
        return Map.of(POD_NAME_LABEL, name, POD_NAMESPACE_LABEL, namespace, POD_UID_LABEL, uid);
    }

    private static NamespaceOption namespaces() {
        return NamespaceOption.newBuilder().setNetwork(NamespaceMode.NODE).setPid(NamespaceMode.CONTAINER)
                .setIpc(NamespaceMode.POD).build();
    }
}

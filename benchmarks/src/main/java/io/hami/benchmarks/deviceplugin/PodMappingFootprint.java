package io.hami.benchmarks.deviceplugin;

import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import io.hami.model.kube.LeanNode;
import io.hami.model.kube.LeanPod;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the node daemons' reading of their pods and node costs in memory, by how they are read: one Pod, one Node and
 * one PodList read through fabric8's model ({@code model}, as the scheduler reads them), through the node daemons'
 * own mapping ({@code lean}: {@link LeanPod}, {@link LeanNode}, as the device plugin and the monitor read them), as
 * {@code GenericKubernetesResource}s ({@code generic}: maps, with fabric8's {@code ObjectMeta}), or as Jackson trees
 * ({@code tree}); then two collections and the classes loaded, heap used and committed, metaspace and {@code VmRSS}
 * of this JVM. Jackson's first read of a type builds the deserializers of every type that type reaches, so one small
 * document costs what a node's worth of pods costs. The mapping is built with the settings of the daemons' own
 * ({@code KubeClients} in the CLI, which this module may not depend on): fabric8's Jackson settings, no index of kinds.
 *
 * <p>Run from the repository root, one JVM per way, with the daemons' flags, e.g. {@code java -XX:+UseSerialGC
 * -XX:TieredStopAtLevel=1 <devicePlugin.jvmOptions> -cp benchmarks/target/benchmarks.jar
 * io.hami.benchmarks.deviceplugin.PodMappingFootprint model|lean|generic|tree}.
 */
public final class PodMappingFootprint {

    static final String POD = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default", "uid": "u1",
             "annotations": {"a": "b"}, "labels": {"l": "n"}}, "spec": {"nodeName": "n", "containers": [{"name": "main",
             "image": "busybox", "resources": {"limits": {"nvidia.com/gpu": "1"}}}]}, "status": {"phase": "Running"}}""";
    static final String NODE = """
            {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n", "annotations": {"a": "b"}},
             "status": {"capacity": {"cpu": "2"}}}""";
    static final String POD_LIST = "{\"apiVersion\": \"v1\", \"kind\": \"PodList\", \"metadata\": {}, \"items\": [" + POD + "]}";

    private PodMappingFootprint() {
    }

    public static void main(String[] args) throws Exception {
        var way = args.length > 0 ? args[0] : "model";
        var mapper = JsonMapper.builderWithJackson2Defaults().addModule(new Jackson2JdkTypesModule()).build();
        var json = new KubernetesSerialization(mapper, false);
        json.registerKubernetesResource("lean".equals(way) ? LeanPod.class : Pod.class);
        json.registerKubernetesResource("lean".equals(way) ? LeanNode.class : Node.class);
        var classes = ManagementFactory.getClassLoadingMXBean();
        int before = classes.getLoadedClassCount();
        List<?> read = switch (way) {
            case "model" -> List.of(json.unmarshal(POD, Pod.class), json.unmarshal(NODE, Node.class),
                    json.unmarshal(POD_LIST, PodList.class));
            case "lean" -> List.of(json.unmarshal(POD, LeanPod.class), json.unmarshal(NODE, LeanNode.class),
                    json.unmarshal(POD_LIST, new TypeReference<DefaultKubernetesResourceList<LeanPod>>() { }));
            case "generic" -> List.of(json.unmarshal(POD, GenericKubernetesResource.class),
                    json.unmarshal(NODE, GenericKubernetesResource.class), json.unmarshal(POD_LIST, GenericKubernetesResource.class));
            case "tree" -> List.of(mapper.readTree(POD), mapper.readTree(NODE), mapper.readTree(POD_LIST));
            default -> throw new IllegalArgumentException("way: model, lean, generic or tree, not " + way);
        };
        System.gc();
        Thread.sleep(1000);
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
        var rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.replaceAll("\\D", "")).findFirst().map(Long::parseLong).orElse(0L);
        System.out.printf("%s (%d documents): %d classes loaded by the reads (%d in all), heap used %.1f MiB of %.1f MiB"
                        + " committed, metaspace used %.1f MiB, VmRSS %.1f MiB%n", way, read.size(), classes.getLoadedClassCount() - before,
                classes.getLoadedClassCount(), heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, metaspace / 1048576.0,
                rss / 1024.0);
    }
}

package io.hami.cli.chart;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What one {@code helm template} rendered: the objects in fabric8's model and the YAML each came from.
 *
 * @param objects the objects, in the order Helm printed them
 * @param sources their YAML documents
 */
record Rendered(List<HasMetadata> objects, List<String> sources) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " "
                + name + " among " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .toList()));
    }

    List<HasMetadata> ofKind(String apiVersion, String kind) {
        return objects.stream().filter(o -> apiVersion.equals(o.getApiVersion()) && kind.equals(o.getKind())).toList();
    }

    String configData(String configMap, String key) {
        Map<String, String> data = get(ConfigMap.class, configMap).getData();
        String value = data == null ? null : data.get(key);
        if (value == null) {
            throw new NoSuchElementException("ConfigMap " + configMap + " has no " + key);
        }
        return value;
    }

    /** Every pod template with where it came from: Deployments, DaemonSets and Jobs. */
    List<Map.Entry<String, PodSpec>> podSpecs() {
        var out = new ArrayList<Map.Entry<String, PodSpec>>();
        all(Deployment.class).forEach(d -> out.add(Map.entry("Deployment/" + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec())));
        all(DaemonSet.class).forEach(d -> out.add(Map.entry("DaemonSet/" + d.getMetadata().getName(),
                d.getSpec().getTemplate().getSpec())));
        all(Job.class).forEach(j -> out.add(Map.entry("Job/" + j.getMetadata().getName(),
                j.getSpec().getTemplate().getSpec())));
        return out;
    }

    /** Every container of every pod template, init containers included. */
    List<Map.Entry<String, Container>> containers() {
        var out = new ArrayList<Map.Entry<String, Container>>();
        for (var pod : podSpecs()) {
            var spec = pod.getValue();
            for (var list : List.of(Optional.ofNullable(spec.getInitContainers()).orElse(List.of()),
                    spec.getContainers())) {
                list.forEach(c -> out.add(Map.entry(pod.getKey() + "/" + c.getName(), c)));
            }
        }
        return out;
    }
}

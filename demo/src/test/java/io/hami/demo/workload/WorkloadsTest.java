package io.hami.demo.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void readsEveryPodOfTheDemoWorkload() throws IOException {
        var pods = Workloads.load(Path.of("../examples/demo.yaml"));
        assertThat(pods).hasSize(10);
        assertThat(pods).extracting(p -> p.getMetadata().getName()).contains("notebook", "with-init", "too-big");
        var withInit = pods.stream().filter(p -> p.getMetadata().getName().equals("with-init")).findFirst()
                .orElseThrow();
        assertThat(withInit.getSpec().getInitContainers()).hasSize(1);
        assertThat(withInit.getSpec().getContainers().getFirst().getResources().getLimits().get("nvidia.com/gpumem")
                .getAmount()).isEqualTo("5000");
    }

    @Test
    void refusesOtherKindsNamelessAndDuplicatePodsNamingTheDocument() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i}]}\n";
        assertThatThrownBy(() -> Workloads.parse(pod + "---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n",
                "w.yaml")).hasMessage("w.yaml, document 2: expected a v1 Pod, got Service");
        assertThatThrownBy(() -> Workloads.parse(pod + "---\n" + pod, "w.yaml"))
                .hasMessage("w.yaml, document 2: a second Pod named a");
        assertThatThrownBy(() -> Workloads.parse("apiVersion: v1\nkind: Pod\nspec: {}\n", "w.yaml"))
                .hasMessage("w.yaml, document 1: the Pod has no metadata.name");
        assertThatThrownBy(() -> Workloads.parse("# nothing\n", "w.yaml")).hasMessage("w.yaml: no Pod in it");
    }
}

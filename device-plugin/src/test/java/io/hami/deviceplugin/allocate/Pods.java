package io.hami.deviceplugin.allocate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.deviceplugin.PluginFixture;
import io.hami.model.kube.LeanPod;
import java.util.List;

/** Pods for the pure allocation tests, never sent to an API server. */
final class Pods {
    static final String UID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private Pods() {
    }

    /** A pod as the plugin reads it. */
    static LeanPod pod(List<Container> init, List<Container> app, String toAllocate) {
        return PluginFixture.lean(apiPod(init, app, toAllocate));
    }

    /** The same pod in fabric8's model, to edit or to create in a mock API server. */
    static Pod apiPod(List<Container> init, List<Container> app, String toAllocate) {
        var b = new PodBuilder().withNewMetadata().withNamespace("ns").withName("p").withUid(UID).endMetadata()
                .withNewSpec().withInitContainers(init).withContainers(app).endSpec();
        if (toAllocate != null) {
            b.editMetadata().addToAnnotations(PluginFixture.TO_ALLOCATE, toAllocate)
                    .addToAnnotations("hami.io/vgpu-devices-allocated", toAllocate).endMetadata();
        }
        return b.build();
    }

    static Container gpu(String name, int count) {
        return PluginFixture.container(name, count);
    }

    static Container plain(String name) {
        return PluginFixture.container(name, 0);
    }
}

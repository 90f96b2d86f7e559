package io.hami.kubelet.cri;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.kubelet.cri.v1.ImageServiceGrpc;
import io.hami.kubelet.cri.v1.RunPodSandboxRequest;
import io.hami.kubelet.cri.v1.RuntimeServiceGrpc;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.DeviceSpec;
import io.hami.kubelet.v1beta1.Mount;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names and field numbers a CRI runtime dispatches and decodes by, as the public CRI v1 API has them. */
class CriWireCompatibilityTest {

    @Test
    void servicesAndMethodsHaveTheCriFullNames() {
        assertThat(RuntimeServiceGrpc.SERVICE_NAME).isEqualTo("runtime.v1.RuntimeService");
        assertThat(ImageServiceGrpc.SERVICE_NAME).isEqualTo("runtime.v1.ImageService");
        assertThat(RuntimeServiceGrpc.getServiceDescriptor().getMethods()).extracting(m -> m.getFullMethodName())
                .contains("runtime.v1.RuntimeService/RunPodSandbox", "runtime.v1.RuntimeService/CreateContainer",
                        "runtime.v1.RuntimeService/StartContainer", "runtime.v1.RuntimeService/StopContainer",
                        "runtime.v1.RuntimeService/RemovePodSandbox", "runtime.v1.RuntimeService/ExecSync");
    }

    @Test
    void runPodSandboxRequestEncodesWithTheApisFieldNumbers() {
        var config = CriPods.sandbox("ns", "p", "u", Path.of("/l"));
        var request = RunPodSandboxRequest.newBuilder().setConfig(config.toBuilder().clearLabels()).setRuntimeHandler("h").build();
        // 1:{1:{1:"p" 2:"u" 3:"ns"} 3:"/l" 8:{2:{1:{1:NODE 2:CONTAINER}}}} 2:"h" (ipc POD is 0, not encoded)
        assertThat(HexFormat.of().formatHex(request.toByteArray())).isEqualTo(
                "0a1a" + "0a0a0a01701201751a026e73" + "1a022f6c" + "420812060a0408021001" + "120168");
    }

    @Test
    void aContainerConfigCarriesTheAllocateAnswerAsKubeletPassesIt() {
        var answer = ContainerAllocateResponse.newBuilder().putEnvs("B", "2").putEnvs("A", "1")
                .addMounts(Mount.newBuilder().setContainerPath("/c").setHostPath("/h").setReadOnly(true))
                .addDevices(DeviceSpec.newBuilder().setContainerPath("/dev/x").setHostPath("/dev/y").setPermissions("rw"))
                .putAnnotations("k", "v").build();
        var config = CriPods.container(CriPods.sandbox("ns", "p", "u", Path.of("/l")), "main", "img", List.of("/bin/sh"),
                List.of("PATH=/bin"), answer);
        assertThat(config.getEnvsList()).extracting(e -> e.getKey() + "=" + e.getValue()).containsExactly("PATH=/bin", "A=1", "B=2");
        assertThat(config.getMounts(0).getReadonly()).isTrue();
        assertThat(config.getDevices(0).getHostPath()).isEqualTo("/dev/y");
        assertThat(config.getAnnotationsMap()).containsEntry("k", "v");
        assertThat(config.getLabelsMap()).containsEntry(CriPods.POD_UID_LABEL, "u").containsEntry(CriPods.CONTAINER_NAME_LABEL, "main");
        // 6:{1:"A" 2:"1"} 7:{1:"/c" 2:"/h" 3:true} 8:{1:"/dev/x" 2:"/dev/y" 3:"rw"}
        var bytes = HexFormat.of().formatHex(config.toBuilder().clearEnvs().clearLabels().clearAnnotations().clearMetadata()
                .clearImage().clearCommand().clearLogPath().clearLinux().addEnvs(config.getEnvs(1)).build().toByteArray());
        assertThat(bytes).isEqualTo("3206" + "0a0141120131" + "3a0a" + "0a022f63" + "12022f68" + "1801"
                + "4214" + "0a062f6465762f78" + "12062f6465762f79" + "1a027277");
    }
}

package io.hami.kubelet.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The names and field numbers kubelet dispatches and decodes by: a change here breaks every kubelet. */
class WireCompatibilityTest {

    @Test
    void servicesAndMethodsHaveKubeletsFullNames() {
        assertThat(RegistrationGrpc.SERVICE_NAME).isEqualTo("v1beta1.Registration");
        assertThat(RegistrationGrpc.getRegisterMethod().getFullMethodName()).isEqualTo("v1beta1.Registration/Register");
        assertThat(DevicePluginGrpc.SERVICE_NAME).isEqualTo("v1beta1.DevicePlugin");
        assertThat(DevicePluginGrpc.getServiceDescriptor().getMethods()).extracting(m -> m.getFullMethodName())
                .containsExactlyInAnyOrder("v1beta1.DevicePlugin/GetDevicePluginOptions", "v1beta1.DevicePlugin/ListAndWatch",
                        "v1beta1.DevicePlugin/GetPreferredAllocation", "v1beta1.DevicePlugin/Allocate",
                        "v1beta1.DevicePlugin/PreStartContainer");
    }

    @Test
    void registerRequestEncodesWithKubeletsFieldNumbers() {
        var request = RegisterRequest.newBuilder().setVersion("v").setEndpoint("e").setResourceName("r")
                .setOptions(DevicePluginOptions.newBuilder().setPreStartRequired(true).setGetPreferredAllocationAvailable(true))
                .build();
        // 1:"v" 2:"e" 3:"r" 4:{1:true 2:true}
        assertThat(HexFormat.of().formatHex(request.toByteArray())).isEqualTo("0a01761201651a01722204080110 01".replace(" ", ""));
    }

    @Test
    void deviceAndAllocationMessagesEncodeWithKubeletsFieldNumbers() {
        var device = Device.newBuilder().setID("a").setHealth("H")
                .setTopology(TopologyInfo.newBuilder().addNodes(NUMANode.newBuilder().setID(1))).build();
        // 1:"a" 2:"H" 3:{1:{1:1}}
        assertThat(HexFormat.of().formatHex(device.toByteArray())).isEqualTo("0a0161120148" + "1a040a020801");

        var response = ContainerAllocateResponse.newBuilder()
                .addMounts(Mount.newBuilder().setContainerPath("c").setHostPath("h").setReadOnly(true))
                .addDevices(DeviceSpec.newBuilder().setContainerPath("d").setHostPath("e").setPermissions("rw"))
                .addCdiDevices(CDIDevice.newBuilder().setName("n")).build();
        // 2:{1:"c" 2:"h" 3:true} 3:{1:"d" 2:"e" 3:"rw"} 5:{1:"n"}
        assertThat(HexFormat.of().formatHex(response.toByteArray()))
                .isEqualTo("12080a0163120168" + "1801" + "1a0a0a0164120165" + "1a027277" + "2a030a016e");

        var preferred = ContainerPreferredAllocationRequest.newBuilder().addAvailableDeviceIDs("a")
                .addMustIncludeDeviceIDs("b").setAllocationSize(2).build();
        assertThat(HexFormat.of().formatHex(preferred.toByteArray())).isEqualTo("0a0161" + "120162" + "1802");
    }
}

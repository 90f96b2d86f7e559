package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.DeviceDiscoveries;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.deviceplugin.register.NodeRegistrar;
import io.hami.deviceplugin.register.NodeRegistrar.Outcome;
import io.hami.deviceplugin.register.RegistrationBuilder;
import io.hami.model.config.VnpuSection;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import io.hami.testfixtures.mock.VendorMock;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each vendor's register annotation from its C mock's devices to the Node in the mock API server, byte for byte,
 * and not patched again while it is unchanged.
 */
@EnableKubernetesMockClient(crud = true)
class VendorRegistrationTest {
    static final String NODE = "accel-node-1";
    /** Sharing settings the vendors' fixed fields must win over: split 10, no scaling, mode hami-core. */
    static final RegistrationBuilder SHARING = new RegistrationBuilder(10, 1.0, 1.0, 0, "hami-core");

    KubernetesClient client;

    private static VendorDescriptor descriptor(String id) {
        return Vendors.defaults().byId(id).orElseThrow();
    }

    /** Discovers the mock's machine through the profile's source, registers twice, returns the annotation. */
    private String register(VendorProfile profile, VendorMock mock) {
        return register(profile, mock, VendorMock.MACHINE);
    }

    private String register(VendorProfile profile, VendorMock mock, String machine) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        var library = mock.library().useProfile(machine);
        var discovery = DeviceDiscoveries.open(mock.vendor(), library.library());
        try (var source = profile.source(discovery)) {
            var inventory = new DeviceInventory(source.discover());
            try (var registrar = new NodeRegistrar(client, NODE, inventory, profile.descriptor(), profile.encoder(SHARING),
                    Optional.empty())) {
                assertThat(registrar.registerOnce()).isEqualTo(Outcome.PATCHED);
                var node = client.nodes().withName(NODE).get();
                assertThat(registrar.registerOnce()).isEqualTo(Outcome.UNCHANGED);
                assertThat(client.nodes().withName(NODE).get().getMetadata().getResourceVersion())
                        .isEqualTo(node.getMetadata().getResourceVersion());
                String key = profile.descriptor().annotations().nodeRegister().orElseThrow();
                return node.getMetadata().getAnnotations().get(key);
            }
        }
    }

    private static String fourOf(IntFunction<String> device, String separator) {
        return IntStream.range(0, 4).mapToObj(device).collect(Collectors.joining(separator));
    }

    @Test
    void hygonWritesTheLegacyStringWithHamisFixedFields() {
        var value = register(VendorProfile.hygon(descriptor("hygon")), VendorMock.HYGON);
        assertThat(value).isEqualTo(fourOf(i -> "DCU-HG0Z100A1192000" + (i + 1) + ",4,32752,100,DCU-Z100,0,true," + i
                + ",hami:", ""));
    }

    @Test
    void aDeviceFailingMidListingIsRegisteredUnhealthy() {
        var value = register(VendorProfile.hygon(descriptor("hygon")), VendorMock.HYGON, VendorMock.FAULT_MIDWAY);
        assertThat(value).isEqualTo("DCU-HGK100B30000010,4,65520,100,DCU-K100,0,true,0,hami:"
                + "DCU-HGK100B30000011,4,0,100,DCU-K100,0,false,1,hami:"
                + "DCU-HGK100B30000012,4,65520,100,DCU-K100,0,false,2,hami:");
    }

    @Test
    void iluvatarWritesTheLegacyStringUnderItsChipsKey() {
        var value = register(VendorProfile.iluvatar(descriptor("iluvatar-bi-v150")), VendorMock.ILUVATAR);
        assertThat(value).isEqualTo(fourOf(i -> "GPU-1b1a0150-0000-4c00-8000-00000000000" + i
                + ",10,32768,100,BI-V150,0,true," + i + ",hami-core:", ""));
    }

    @Test
    void metaxSgpuWritesItsDeviceArray() {
        var value = register(VendorProfile.metaxSgpu(descriptor("metax-sgpu")), VendorMock.METAX);
        String[] bdf = {"0000:0a:00.0", "0000:0b:00.0", "0000:8a:00.0", "0000:8b:00.0"};
        assertThat(value).isEqualTo("[" + fourOf(i -> "{\"uuid\":\"GPU-5e7a0c50-2f4b-4a1c-9d3e-10000000000" + (i + 1)
                + "\",\"bdf\":\"" + bdf[i] + "\",\"model\":\"MXC500\",\"totalDevCount\":10,\"totalCompute\":100,"
                + "\"totalVRam\":65536,\"availableDevCount\":10,\"availableCompute\":100,\"availableVRam\":65536,"
                + (i < 2 ? "" : "\"numa\":1,") + "\"healthy\":true}", ",") + "]");
    }

    @Test
    void ascendWritesTheJsonRegisterWithTheSkusFieldsAndNetworkId() {
        var sku = VnpuSection.defaults().configs().stream().filter(c -> c.commonWord().equals("Ascend910B3")).findFirst()
                .orElseThrow();
        var value = register(VendorProfile.ascend(descriptor("ascend-910b3"), sku), VendorMock.ASCEND);
        assertThat(value).isEqualTo("[" + fourOf(i -> "{\"id\":\"3C2A0F11-00000000-5A91D0E2-0A1B2C3D-0000000" + (i + 1)
                + "\"," + (i == 0 ? "" : "\"index\":" + i + ",") + "\"count\":4,\"devmem\":65536,\"devcore\":20,"
                + "\"type\":\"Ascend910B3\",\"health\":true,\"custominfo\":{\"NetworkID\":0}}", ",") + "]");
    }

    /** Registers once on a Node whose handshake holds {@code stamp}; the handshake afterwards. */
    private String handshakeAfter(VendorProfile profile, VendorMock mock, String stamp) {
        var key = profile.descriptor().annotations().handshake().orElseThrow();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).addToAnnotations(key, stamp)
                .endMetadata().build()).create();
        var discovery = DeviceDiscoveries.open(mock.vendor(), mock.library().useProfile(VendorMock.MACHINE).library());
        try (var source = profile.source(discovery);
             var registrar = new NodeRegistrar(client, NODE, new DeviceInventory(source.discover()), profile.descriptor(),
                     profile.encoder(SHARING), Optional.empty())) {
            registrar.registerOnce();
            var answer = client.nodes().withName(NODE).get().getMetadata().getAnnotations().get(key);
            var version = client.nodes().withName(NODE).get().getMetadata().getResourceVersion();
            registrar.registerOnce();
            assertThat(client.nodes().withName(NODE).get().getMetadata().getResourceVersion())
                    .as("an answer already there is not written again").isEqualTo(version);
            return answer;
        }
    }

    @Test
    void ascendAnswersTheSchedulersHandshakeInItsPluginsForm() {
        var sku = VnpuSection.defaults().configs().stream().filter(c -> c.commonWord().equals("Ascend910B3")).findFirst()
                .orElseThrow();
        assertThat(handshakeAfter(VendorProfile.ascend(descriptor("ascend-910b3"), sku), VendorMock.ASCEND,
                "Requesting_2026-12-07 01:02:03")).matches("Reported_\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void hygonAnswersTheSchedulersHandshakeInItsAgentsForm() {
        assertThat(handshakeAfter(VendorProfile.hygon(descriptor("hygon")), VendorMock.HYGON,
                "Requesting_2026-12-07 01:02:03"))
                .matches("Reported \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)? [+-]\\d{4} \\S+");
    }

    @Test
    void anIluvatarNodeLeavesTheHandshakeToTheScheduler() {
        assertThat(handshakeAfter(VendorProfile.iluvatar(descriptor("iluvatar-bi-v150")), VendorMock.ILUVATAR,
                "Requesting_2026-12-07 01:02:03")).isEqualTo("Requesting_2026-12-07 01:02:03");
    }
}

package io.hami.demo.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.demo.node.ServedDevices;
import io.hami.demo.node.StartedContainer;
import io.hami.model.device.ContainerDevice;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VendorAnswerCheckTest {
    private static final String NODE = "node-a";
    private static final String WHERE = "node-a default/p/main";
    private static final VendorDescriptor CAMBRICON = Vendors.defaults().byId("cambricon").orElseThrow();
    private static final VendorDescriptor ILUVATAR = Vendors.defaults().byId("iluvatar-bi-v150").orElseThrow();
    private static final VendorDescriptor HYGON = Vendors.defaults().byId("hygon").orElseThrow();

    /** Two MLUs as CNDEV reports them. */
    private static final ServedDevices MLUS = new ServedDevices(List.of(mlu(0), mlu(1)));

    private static ServedDevices.Device mlu(int i) {
        return new ServedDevices.Device(i, "MLU-" + i, "MLU370-X8", i, List.of("/dev/cambricon_dev" + i,
                "/dev/cambricon_ipcm" + i, "/dev/commu" + i, "/dev/cambricon_ctl"));
    }

    private static List<ContainerDevice> entry(VendorDescriptor type, String id) {
        return List.of(new ContainerDevice(id, type.commonWord(), 4096, 25));
    }

    private static StartedContainer answer(Map<String, String> env, String... nodes) {
        return answerAt(env, List.of(nodes).stream().map(n -> new StartedContainer.DeviceEntry(n, n, "rw")).toList());
    }

    private static StartedContainer answerAt(Map<String, String> env, List<StartedContainer.DeviceEntry> nodes) {
        return new StartedContainer("default", "p", "uid", "main", List.of("MLU-1-0"), env, List.of(), nodes,
                StartedContainer.Timeline.NONE);
    }

    @Test
    void anAnswerForTheDevicesTheEntryNamesHasNoViolation() {
        var right = answer(Map.of("CAMBRICON_VISIBLE_DEVICES", "1"), "/dev/cambricon_dev1", "/dev/cambricon_ipcm1",
                "/dev/commu1", "/dev/cambricon_ctl");

        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, entry(CAMBRICON, CapacityIds.id(NODE, Vendor.CAMBRICON, 1)),
                MLUS, right)).isEmpty();
    }

    @Test
    void anSmluAnswerNamesItsCardsNodesAndOneInstanceNodeWhichItHandsOut() {
        String instance = "/dev/cambricon_smlu_1_2";
        var right = answer(Map.of("VIRTUAL_DEVICES", "/dev/cambricon_dev1,/dev/cambricon_ipcm1," + instance),
                "/dev/cambricon_dev1", "/dev/cambricon_ipcm1", "/dev/commu1", "/dev/cambricon_ctl", instance);
        var otherCard = answer(Map.of("VIRTUAL_DEVICES", "/dev/cambricon_dev0,/dev/cambricon_ipcm0," + instance),
                "/dev/cambricon_dev1", "/dev/cambricon_ipcm1", "/dev/commu1", "/dev/cambricon_ctl", instance);
        var instanceLeftOut = answer(Map.of("VIRTUAL_DEVICES", "/dev/cambricon_dev1,/dev/cambricon_ipcm1," + instance),
                "/dev/cambricon_dev1", "/dev/cambricon_ipcm1", "/dev/commu1", "/dev/cambricon_ctl");
        var mine = entry(CAMBRICON, CapacityIds.id(NODE, Vendor.CAMBRICON, 1));

        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, mine, MLUS, right)).isEmpty();
        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, mine, MLUS, otherCard)).containsExactly(WHERE
                + ": VIRTUAL_DEVICES=/dev/cambricon_dev0,/dev/cambricon_ipcm0," + instance + " does not name its card's "
                + "nodes and one sMLU instance node of its devices [MLU-1]");
        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, mine, MLUS, instanceLeftOut)).containsExactly(WHERE
                + ": Allocate left out the device nodes [" + instance + "] of its devices");
    }

    @Test
    void anAnswerForAnotherDeviceThanTheEntryNamesIsAViolation() {
        var wrong = answer(Map.of("CAMBRICON_VISIBLE_DEVICES", "0"), "/dev/cambricon_dev0", "/dev/cambricon_ipcm0",
                "/dev/commu0", "/dev/cambricon_ctl");

        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, entry(CAMBRICON, CapacityIds.id(NODE, Vendor.CAMBRICON, 1)),
                MLUS, wrong)).containsExactly(
                WHERE + ": CAMBRICON_VISIBLE_DEVICES=0 does not name exactly its devices [MLU-1]",
                WHERE + ": Allocate left out the device nodes [/dev/cambricon_dev1, /dev/cambricon_ipcm1, /dev/commu1] of its devices",
                WHERE + ": Allocate handed out device nodes [/dev/cambricon_dev0, /dev/cambricon_ipcm0, /dev/commu0], which are "
                        + "not its devices'");
    }

    @Test
    void aVisibleDevicesVariableNamingMoreThanTheEntryIsAViolation() {
        var served = new ServedDevices(List.of(new ServedDevices.Device(0, "GPU-a", "Iluvatar BI-V150", 0,
                List.of("/dev/iluvatar0", "/dev/itrctl")), new ServedDevices.Device(1, "GPU-b", "Iluvatar BI-V150", 1,
                List.of("/dev/iluvatar1", "/dev/itrctl"))));
        var right = answer(Map.of("IX_VISIBLE_DEVICES", "GPU-b"), "/dev/iluvatar1", "/dev/itrctl");
        var both = answer(Map.of("IX_VISIBLE_DEVICES", "GPU-b,GPU-a"), "/dev/iluvatar1", "/dev/itrctl");

        assertThat(VendorAnswerCheck.check(WHERE, ILUVATAR, NODE, entry(ILUVATAR, "GPU-b"), served, right)).isEmpty();
        assertThat(VendorAnswerCheck.check(WHERE, ILUVATAR, NODE, entry(ILUVATAR, "GPU-b"), served, both))
                .containsExactly(WHERE + ": IX_VISIBLE_DEVICES=GPU-b,GPU-a does not name exactly its devices [GPU-b]");
    }

    @Test
    void anAnswerWithoutTheVendorsVisibleDevicesVariableIsAViolation() {
        var silent = answer(Map.of(), "/dev/cambricon_dev1", "/dev/cambricon_ipcm1", "/dev/commu1", "/dev/cambricon_ctl");

        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, entry(CAMBRICON, CapacityIds.id(NODE, Vendor.CAMBRICON, 1)),
                MLUS, silent)).containsExactly(WHERE + ": Allocate set no CAMBRICON_VISIBLE_DEVICES");
    }

    @Test
    void aDeviceNodeAtAnotherPathInTheContainerIsAViolation() {
        var served = new ServedDevices(List.of(new ServedDevices.Device(0, "DCU-1", "Z100", 128,
                List.of("/dev/dri/card0", "/dev/dri/renderD128", "/dev/kfd"))));
        var moved = answerAt(Map.of(), List.of(new StartedContainer.DeviceEntry("/dev/dri/card1", "/dev/dri/card0", "rw"),
                new StartedContainer.DeviceEntry("/dev/dri/renderD128", "/dev/dri/renderD128", "rw"),
                new StartedContainer.DeviceEntry("/dev/kfd", "/dev/kfd", "rwm")));

        assertThat(VendorAnswerCheck.check(WHERE, HYGON, NODE, entry(HYGON, "DCU-1"), served, moved))
                .containsExactly(WHERE + ": device node /dev/dri/card0 appears at /dev/dri/card1");
    }

    @Test
    void anEntryNamingADeviceTheNodeDoesNotServeIsAViolation() {
        var any = answer(Map.of("CAMBRICON_VISIBLE_DEVICES", "1"), "/dev/cambricon_dev1");

        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, entry(CAMBRICON, CapacityIds.id(NODE, Vendor.CAMBRICON, 2)),
                MLUS, any)).containsExactly(WHERE + ": its allocation names node-a-cambricon-mlu-2, which node-a does not serve");
        assertThat(VendorAnswerCheck.check(WHERE, CAMBRICON, NODE, entry(CAMBRICON, "other-node-cambricon-mlu-1"),
                MLUS, any)).containsExactly(WHERE + ": its allocation names other-node-cambricon-mlu-1, which node-a does not serve");
    }
}

package io.hami.model.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.protocol.NodeLockKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VendorsTest {
    private final Vendors vendors = Vendors.defaults();

    @Test
    void nvidiaUsesHamiKeysAndResourceNames() {
        var nvidia = vendors.byId("nvidia").orElseThrow();
        assertThat(nvidia.commonWord()).isEqualTo("NVIDIA");
        assertThat(nvidia.resources().count()).isEqualTo("nvidia.com/gpu");
        assertThat(nvidia.resources().memory()).contains("nvidia.com/gpumem");
        assertThat(nvidia.resources().memoryPercentage()).contains("nvidia.com/gpumem-percentage");
        assertThat(nvidia.resources().cores()).contains("nvidia.com/gpucores");
        assertThat(nvidia.resources().priority()).contains("nvidia.com/priority");
        assertThat(nvidia.annotations().devicesToAllocate()).isEqualTo("hami.io/vgpu-devices-to-allocate");
        assertThat(nvidia.annotations().devicesAllocated()).isEqualTo("hami.io/vgpu-devices-allocated");
        assertThat(nvidia.annotations().nodeRegister()).contains("hami.io/node-nvidia-register");
        assertThat(nvidia.annotations().handshake()).contains("hami.io/node-handshake");
        assertThat(nvidia.annotations().nodeLock()).contains("hami.io/mutex.lock");
        assertThat(nvidia.annotations().nodeLockKind()).contains(NodeLockKind.HAMI);
        assertThat(nvidia.registerFormat()).isEqualTo(RegisterFormat.JSON);
        assertThat(nvidia.deviceNodes().nodeOf(3)).isEqualTo("/dev/nvidia3");
        assertThat(nvidia.deviceNodes().perDeviceMajor()).hasValue(195);
    }

    @Test
    void nvidiaDeviceNodesWithoutTheCatalogAreTheCatalogsOwn() {
        // the runtime shim reads them this way, so that a container start does not build every vendor's descriptor
        assertThat(DefaultVendors.nvidiaDeviceNodes()).isEqualTo(vendors.byId("nvidia").orElseThrow().deviceNodes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            kunlun-xpu  | kunlun    | kunlunxin.com/xpu     | hami.io/kunlun-allocated              | -                               | -                           | NODE_CAPACITY | -
            kunlun-vxpu | XPU       | kunlunxin.com/vxpu    | hami.io/xpu-devices-allocated         | hami.io/node-register-xpu       | hami.io/node-handshake-xpu  | JSON          | hami.io/mutex.lock
            enflame-gcu | GCU       | enflame.com/gcu       | hami.io/enflame-gcu-devices-allocated | -                               | -                           | NODE_CAPACITY | -
            enflame-drs | Enflame   | enflame.com/drs-gcu   | hami.io/enflame-vgpu-devices-allocated| enflame.com/gcu-drs-capacity    | -                           | ENFLAME_DRS   | -
            awsneuron   | AWSNeuron | aws.amazon.com/neuron | hami.io/aws-neuron-devices-allocated  | -                               | -                           | NODE_CAPACITY | -
            amd         | AMD       | amd.com/gpu           | hami.io/amd-devices-allocated         | hami.io/node-amd-register       | -                           | JSON          | hami.io/mutex.lock
            vastai      | Vastai    | vastaitech.com/va     | hami.io/Vastai-devices-allocated      | hami.io/node-va-register        | hami.io/node-handshake-va   | JSON          | hami.io/mutex.lock
            biren       | Biren     | birentech.com/gpu     | hami.io/Biren-devices-allocated       | hami.io/node-biren-register     | hami.io/node-handshake-biren| JSON          | hami.io/mutex.lock
            """)
    void theSixSchedulerOnlyVendorsCarryHamisNamesAndKeys(String id, String word, String count, String allocated,
            String register, String handshake, RegisterFormat format, String lock) {
        var type = vendors.byId(id).orElseThrow();
        assertThat(type.commonWord()).isEqualTo(word);
        assertThat(type.resources().count()).isEqualTo(count);
        assertThat(type.annotations().devicesAllocated()).isEqualTo(allocated);
        assertThat(type.annotations().nodeRegister()).isEqualTo(Optional.ofNullable(register));
        assertThat(type.annotations().handshake()).isEqualTo(Optional.ofNullable(handshake));
        assertThat(type.registerFormat()).isEqualTo(format);
        assertThat(type.annotations().nodeLock()).isEqualTo(Optional.ofNullable(lock));
    }

    @ParameterizedTest
    @CsvSource({
        "ascend-910a, Ascend910A, huawei.com/Ascend910A, huawei.com/Ascend910A-memory, hami.io/Ascend910A-devices-allocated, hami.io/node-register-Ascend910A, 30",
        "ascend-910b2, Ascend910B2, huawei.com/Ascend910B2, huawei.com/Ascend910B2-memory, hami.io/Ascend910B2-devices-allocated, hami.io/node-register-Ascend910B2, 24",
        "ascend-910b4-1, Ascend910B4-1, huawei.com/Ascend910B4-1, huawei.com/Ascend910B4-1-memory, hami.io/Ascend910B4-1-devices-allocated, hami.io/node-register-Ascend910B4-1, 20",
        "ascend-310p3, Ascend310P, huawei.com/Ascend310P, huawei.com/Ascend310P-memory, hami.io/Ascend310P-devices-allocated, hami.io/node-register-Ascend310P, 8",
        "ascend-ascend910, Ascend910C, huawei.com/Ascend910C, huawei.com/Ascend910C-memory, hami.io/Ascend910C-devices-allocated, hami.io/node-register-Ascend910C, 20",
    })
    void everyAscendSkuIsItsOwnDeviceType(String id, String word, String count, String memory, String allocated,
            String register, int aiCore) {
        var sku = vendors.byId(id).orElseThrow();
        assertThat(sku.vendor()).isEqualTo(Vendor.ASCEND);
        assertThat(sku.commonWord()).isEqualTo(word);
        assertThat(sku.resources().count()).isEqualTo(count);
        assertThat(sku.resources().memory()).contains(memory);
        assertThat(sku.annotations().devicesAllocated()).isEqualTo(allocated);
        assertThat(sku.annotations().nodeRegister()).contains(register);
        assertThat(sku.annotations().handshake()).contains("hami.io/node-handshake-" + word);
        assertThat(sku.annotations().useUuid()).contains("hami.io/use-" + word + "-uuid");
        assertThat(sku.annotations().noUseUuid()).contains("hami.io/no-use-" + word + "-uuid");
        assertThat(sku.coresPerDevice()).isEqualTo(aiCore);
    }

    @ParameterizedTest
    @CsvSource({
        "cambricon, MLU, 256, NODE_CAPACITY, hami.io/cambricon-mlu-devices-to-allocate, CAMBRICON_DSMLU, 100",
        "hygon, DCU, 1, LEGACY, hami.io/dcu-devices-to-allocate, HAMI, 100",
        "iluvatar-mr-v100, MR-V100, 256, LEGACY, hami.io/MR-V100-devices-to-allocate, HAMI, 0",
        "iluvatar-bi-v150, BI-V150, 256, LEGACY, hami.io/BI-V150-devices-to-allocate, HAMI, 0",
        "metax-sgpu, Metax-SGPU, 1024, METAX_JSON, hami.io/metax-sgpu-devices-to-allocate, HAMI, 100",
    })
    void vendorsDifferOnlyInData(String id, String word, int unitMib, RegisterFormat format, String toAllocate,
            NodeLockKind lock, int defaultCores) {
        var d = vendors.byId(id).orElseThrow();
        assertThat(d.commonWord()).isEqualTo(word);
        assertThat(d.memoryUnit().mib()).isEqualTo(unitMib);
        assertThat(d.registerFormat()).isEqualTo(format);
        assertThat(d.annotations().devicesToAllocate()).isEqualTo(toAllocate);
        assertThat(d.annotations().nodeLockKind()).contains(lock);
        assertThat(d.defaultCores()).isEqualTo(defaultCores);
    }

    @Test
    void metaxWholeGpusTakeNoNodeLock() {
        var gpu = vendors.byId("metax-gpu").orElseThrow();
        assertThat(gpu.commonWord()).isEqualTo("Metax-GPU");
        assertThat(gpu.registerFormat()).isEqualTo(RegisterFormat.NODE_CAPACITY);
        assertThat(gpu.annotations().devicesToAllocate()).isEqualTo("hami.io/metax-gpu-devices-to-allocate");
        assertThat(gpu.annotations().nodeLock()).isEmpty();
    }

    @Test
    void cambriconLocksUnderItsOwnKeyForTwoMinutes() {
        var lock = vendors.byId("cambricon").orElseThrow().annotations().nodeLockKind().orElseThrow();
        assertThat(lock.key()).isEqualTo("cambricon.com/dsmlu.lock");
        assertThat(lock.fixedExpiry()).contains(Duration.ofMinutes(2));
        assertThat(lock.namesOwner()).isFalse();
        assertThat(NodeLockKind.HAMI.key()).isEqualTo("hami.io/mutex.lock");
        assertThat(NodeLockKind.HAMI.namesOwner()).isTrue();
        assertThatThrownBy(() -> new AnnotationKeys("hami.io/x-devices-to-allocate", "hami.io/x-devices-allocated",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("example.com/lock"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no node lock the scheduler knows: example.com/lock");
    }

    @Test
    void mooreThreadsCountsSixteenCoresAndTakesNoNodeLock() {
        var mt = vendors.byId("mthreads").orElseThrow();
        assertThat(mt.coresPerDevice()).isEqualTo(16);
        assertThat(mt.memoryUnit()).isEqualTo(MemoryUnit.MIB_512);
        assertThat(mt.annotations().nodeLock()).isEmpty();
        assertThat(mt.annotations().useUuid()).contains("mthreads.ai/use-gpuuuid");
        assertThat(mt.deviceNodes().nodeOf(2)).isEqualTo("/dev/mtgpu.2");
    }

    @Test
    void looksUpByCommonWordResourceAndAllocationKey() {
        assertThat(vendors.byCommonWord("DCU")).map(VendorDescriptor::id).contains("hygon");
        assertThat(vendors.byCountResource("mthreads.com/vgpu")).map(VendorDescriptor::id).contains("mthreads");
        assertThat(vendors.byAllocationKey("hami.io/vgpu-devices-allocated")).map(VendorDescriptor::id).contains("nvidia");
        assertThat(vendors.byAllocationKey("hami.io/Ascend910B3-devices-to-allocate")).map(VendorDescriptor::id).contains("ascend-910b3");
        assertThat(vendors.byId("NVIDIA")).isPresent();
        assertThat(vendors.byId("nvidai")).isEmpty();
        assertThat(vendors.of(Vendor.METAX)).extracting(VendorDescriptor::id).containsExactly("metax-gpu", "metax-sgpu");
        assertThat(vendors.of(Vendor.ILUVATAR)).hasSize(4);
    }

    @Test
    void memoryUnitBoundsKeepMibWithinInt32() {
        assertThat(MemoryUnit.MIB.maxUnits()).isEqualTo(Integer.MAX_VALUE);
        assertThat(MemoryUnit.MIB_256.maxUnits() * 256).isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new MemoryUnit(0)).hasMessageContaining("at least 1 MiB");
    }

    @Test
    void rejectsCatalogWhereTwoTypesShareAKeyOrName() {
        var nvidia = vendors.byId("nvidia").orElseThrow();
        assertThatThrownBy(() -> vendors.with(List.of(nvidia)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate device type id nvidia");
        var clash = DefaultVendors.iluvatar("NVIDIA");
        assertThatThrownBy(() -> vendors.with(List.of(clash)))
                .hasMessageContaining("common word NVIDIA is used by both nvidia and iluvatar-nvidia");
        var sameResource = DefaultVendors.hygon(ResourceNames.of("nvidia.com/gpu", "x.io/m", "x.io/c"));
        assertThatThrownBy(() -> new Vendors(List.of(nvidia, DefaultVendors.iluvatar("X1"),
                new VendorDescriptor("other", Vendor.HYGON, "OTHER", sameResource.resources(),
                        DefaultVendors.iluvatar("X2").annotations(), RegisterFormat.LEGACY, MemoryUnit.MIB, 100, 0, "lib.so",
                        sameResource.deviceNodes()))))
                .hasMessageContaining("resource name nvidia.com/gpu is used by both nvidia and other");
    }

    @Test
    void rejectsMalformedDescriptorParts() {
        assertThatThrownBy(() -> ResourceNames.countOnly("gpu")).hasMessageContaining("not a domain-prefixed extended resource");
        assertThatThrownBy(() -> new DeviceNodes(List.of("/etc/passwd"), "", Optional.empty())).hasMessageContaining("under /dev");
        assertThatThrownBy(() -> new DeviceNodes(List.of(), "/dev/gpu", Optional.empty())).hasMessageContaining("lacks {n}");
        assertThatThrownBy(() -> new DeviceNodes(List.of(), "/dev/../x{n}", Optional.empty())).hasMessageContaining("under /dev");
        assertThatThrownBy(() -> new DeviceNodes(List.of(), "/dev/x{n}", java.util.OptionalInt.of(4096), Optional.empty()))
                .hasMessageContaining("perDeviceMajor");
        assertThatThrownBy(() -> new DeviceNodes(List.of(), "", java.util.OptionalInt.of(195), Optional.empty()))
                .hasMessageContaining("perDeviceMajor needs a perDevice pattern");
        var nvidia = vendors.byId("nvidia").orElseThrow();
        assertThatThrownBy(() -> new VendorDescriptor("NVIDIA", Vendor.NVIDIA, "NVIDIA", nvidia.resources(), nvidia.annotations(),
                RegisterFormat.JSON, MemoryUnit.MIB, 100, 0, "x", nvidia.deviceNodes())).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new VendorDescriptor("n", Vendor.NVIDIA, "NVIDIA", nvidia.resources(), nvidia.annotations(),
                RegisterFormat.NODE_CAPACITY, MemoryUnit.MIB, 100, 0, "x", nvidia.deviceNodes()))
                .hasMessageContaining("have no register annotation");
        assertThatThrownBy(() -> new VendorDescriptor("n", Vendor.NVIDIA, "NVIDIA", nvidia.resources(), nvidia.annotations(),
                RegisterFormat.JSON, MemoryUnit.MIB, 100, 101, "x", nvidia.deviceNodes())).hasMessageContaining("defaultCores");
    }

    @Test
    void aTypesResourceNamesAreItsCountFirstThenTheOthersItSets() {
        var neuron = Vendors.defaults().byId("awsneuron").orElseThrow().resources();
        assertThat(neuron.all()).containsExactly("aws.amazon.com/neuron", "aws.amazon.com/neuroncore");
        assertThat(neuron.names("aws.amazon.com/neuroncore")).isTrue();
        assertThat(neuron.names("aws.amazon.com/neuronmem")).isFalse();
    }
}

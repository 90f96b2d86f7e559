package io.hami.model.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.config.DeviceConfig;
import io.hami.model.config.HygonConfig;
import io.hami.model.config.IluvatarConfig;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.config.GpuCorePolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfiguredVendorsTest {

    @Test
    void chartDefaultsGiveTheDefaultCatalog() {
        var configured = ConfiguredVendors.from(DeviceConfig.defaults());
        assertThat(configured.all()).isEqualTo(Vendors.defaults().all());
    }

    @Test
    void carriesResourceNamesMemoryFactorAndDefaultCores() {
        var nvidia = new NvidiaConfig("hami.io/gpu", "hami.io/gpumem", "hami.io/gpumem-percentage", "hami.io/gpucores",
                "hami.io/priority", false, 0, 30, 1, 2, GpuCorePolicy.DEFAULT, "", List.of(), false, 10, 1.0, 1.0, 0,
                1, false);
        var config = new DeviceConfig(Optional.of(nvidia), Optional.empty(),
                Optional.of(new HygonConfig("hygon.com/dcunum", "hygon.com/dcumem", "hygon.com/dcucores", 4)),
                Optional.empty(), Optional.empty(), List.of(IluvatarConfig.forChip("BI-V150")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        var vendors = ConfiguredVendors.from(config);

        assertThat(vendors.all()).extracting(VendorDescriptor::id).containsExactly("nvidia", "hygon", "iluvatar-bi-v150");
        var gpu = vendors.byId("nvidia").orElseThrow();
        assertThat(gpu.resources().count()).isEqualTo("hami.io/gpu");
        assertThat(gpu.resources().memoryPercentage()).contains("hami.io/gpumem-percentage");
        assertThat(gpu.memoryUnit()).isEqualTo(new MemoryUnit(2));
        assertThat(gpu.defaultCores()).isEqualTo(30);
        assertThat(vendors.byId("hygon").orElseThrow().memoryUnit().mib()).isEqualTo(4);
        assertThat(vendors.byId("iluvatar-bi-v150").orElseThrow().memoryUnit()).isEqualTo(MemoryUnit.MIB_256);
    }

    @Test
    void anEmptyResourceNameIsNoResource() {
        var nvidia = new NvidiaConfig("nvidia.com/gpu", "", "", "nvidia.com/gpucores", "", false, 0, 0, 1, 1,
                GpuCorePolicy.DEFAULT, "", List.of(), false, 10, 1.0, 1.0, 0, 1, false);
        var config = new DeviceConfig(Optional.of(nvidia), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        var gpu = ConfiguredVendors.from(config).all().getFirst();
        assertThat(gpu.resources().memory()).isEmpty();
        assertThat(gpu.resources().memoryPercentage()).isEmpty();
        assertThat(gpu.resources().cores()).contains("nvidia.com/gpucores");
    }
}

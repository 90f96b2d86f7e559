package io.hami.bindings.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCI addresses print as sysfs names and parse back; any other text is no address; sysfs NUMA is bounded. */
class PciAddressProperties {

    @Test
    void everyAddressParsesBackFromItsSysfsName() {
        qt().forAll(integers().between(0, 0xFFFF), integers().between(0, 0xFF), integers().between(0, 0x1F), integers().between(0, 7))
                .checkAssert((domain, bus, device, function) -> {
                    var a = new PciAddress(domain, bus, device, function);
                    assertThat(a.toString()).matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
                    assertThat(PciAddress.parse(a.toString())).contains(a);
                    assertThat(PciAddress.parse(a.toString().toUpperCase())).contains(a);
                });
    }

    @Test
    void nvmlsEightDigitDomainIsRead() {
        assertThat(PciAddress.parse("00000000:3B:00.0")).contains(new PciAddress(0, 0x3B, 0, 0));
        assertThat(PciAddress.parse("00010000:AF:00.0").map(PciAddress::toString)).contains("10000:af:00.0");
    }

    @Test
    void textThatIsNotAnAddressIsNone() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 20)).assuming(s -> !s.trim().matches("[0-9a-fA-F:.]+"))
                .checkAssert(s -> assertThat(PciAddress.parse(s)).isEmpty());
        assertThat(PciAddress.parse("0000:3b:20.0")).isEmpty();
        assertThat(PciAddress.parse("0000:3b:00.8")).isEmpty();
    }

    @Test
    void sysfsNumaNodesAreReadAndNegativeMeansNone(@TempDir Path sys) throws Exception {
        var dir = Files.createDirectories(sys.resolve("bus/pci/devices/0000:3b:00.0"));
        Files.writeString(dir.resolve("numa_node"), "1\n");
        Files.writeString(Files.createDirectories(sys.resolve("bus/pci/devices/0000:3c:00.0")).resolve("numa_node"), "-1\n");
        var numa = new SysfsNuma(sys);
        assertThat(numa.node(new PciAddress(0, 0x3b, 0, 0))).isEqualTo(OptionalInt.of(1));
        assertThat(numa.node(new PciAddress(0, 0x3c, 0, 0))).isEmpty();
        assertThat(numa.node(new PciAddress(0, 0x3d, 0, 0))).isEmpty();
        assertThat(numa.node("../../etc")).isEmpty();
        assertThat(numa.node(Optional.of(-1), Optional.of(new PciAddress(0, 0x3b, 0, 0)))).isNull();
        assertThat(numa.node(Optional.empty(), Optional.of(new PciAddress(0, 0x3b, 0, 0)))).isEqualTo(1);
        assertThat(numa.node(Optional.of(3), Optional.empty())).isEqualTo(3);
    }

    @Test
    void vendorsAreFoundByTheirIds() {
        for (var v : DeviceVendor.values()) {
            assertThat(DeviceVendor.byId(v.id().toUpperCase())).contains(v);
            assertThat(v.libraries()).isNotEmpty();
        }
        assertThat(DeviceVendor.byId("amd")).isEmpty();
    }
}

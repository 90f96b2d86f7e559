package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.testfixtures.mock.MockLibrary;
import io.hami.testfixtures.mock.MockProfile;
import io.hami.testfixtures.mock.VendorMock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A vendor's discovery against its C mock, written once for every vendor: the profile's numbers come back
 * through the real FFM binding, and each fault (a device failing mid-listing, a failed health check, a failed
 * init, a missing library, a library of another kind, a missing symbol) is a clear error naming the vendor,
 * the library and the call, while the other devices are still listed.
 */
abstract class MockDiscoveryContract extends DiscoveryContract {

    /** The vendor's mock. */
    protected abstract VendorMock mock();

    /** How device 1 of {@link VendorMock#FAULT_MIDWAY} fails: {@code <symbol> failed: <STATUS> (<code>)}. */
    protected abstract String midwayFailure();

    /** How device 2 of {@link VendorMock#FAULT_MIDWAY} fails the vendor's health check. */
    protected abstract String healthProblem();

    /** How the init of {@link VendorMock#FAULT_INIT} fails. */
    protected abstract String initFailure();

    /** The variant of the mock that lacks a symbol, and how device 0 of the machine says so. */
    protected abstract String oldVariant();

    protected abstract String missingSymbolFailure();

    /** Whether device 0 of the old variant still has its id; not where the missing call is the one that gives it. */
    protected boolean oldVariantKeepsTheId() {
        return true;
    }

    /** The node named after the device's number, e.g. {@code /dev/cambricon_dev3}. */
    protected abstract String mainNode(int number);

    /** The inits a discovery leaves counted: 0, but 1 for a library without a shutdown (DCMI). */
    protected int initsLeftAfterDiscovery() {
        return 0;
    }

    /** The devices a profile describes, as the discovery reports them. */
    protected List<ExpectedDevice> expected(MockProfile profile) {
        return profile.devices().valueStream().map(ExpectedDevice::of).toList();
    }

    /** The vendor's discovery over the library at {@code path}. */
    protected DeviceDiscovery open(String path) {
        return DeviceDiscoveries.open(mock().vendor(), path);
    }

    private DeviceDiscovery on(MockLibrary library, String profile) {
        library.useProfile(profile);
        return open(library.library());
    }

    @Override
    protected DeviceDiscovery discovery() {
        return on(mock().library(), VendorMock.MACHINE);
    }

    /** The start of a failure of the mock's library, once opened. */
    private String unavailable(String library) {
        return unavailable(mock().api(), library);
    }

    /** The start of a failure before it is known which of the vendor's libraries {@code library} is. */
    private String unopened(String library) {
        return unavailable(mock().vendor().apiNames(), library);
    }

    private String unavailable(String api, String library) {
        return mock().vendor().displayName() + " " + api + " not available: " + library + ": ";
    }

    @Test
    void listsTheProfilesDevicesWithTheirNumbers() {
        var expected = expected(mock().profile(VendorMock.MACHINE));
        assertThat(devices).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            var e = expected.get(i);
            var d = devices.get(i);
            assertThat(d.problems()).isEmpty();
            assertThat(d.healthy()).isTrue();
            assertThat(d.uuid()).contains(e.uuid());
            assertThat(d.model()).contains(e.model());
            assertThat(d.memoryTotalMiB()).isEqualTo(OptionalLong.of(e.memoryTotalMiB()));
            assertThat(d.memoryUsedMiB()).isEqualTo(OptionalLong.of(e.memoryUsedMiB()));
            assertThat(d.utilization()).isEqualTo(e.utilization());
            assertThat(d.pciBusId()).contains(e.pciBusId());
            assertThat(d.numa()).isEqualTo(e.numa());
            e.minor().ifPresent(n -> {
                assertThat(d.minor()).isEqualTo(OptionalInt.of(n));
                assertThat(d.deviceNodes()).contains(mainNode(n));
            });
        }
    }

    @Test
    void theDiscoveryNamesTheApiAndTheLibraryThatServe() {
        assertThat(discovery.apiName()).isEqualTo(mock().api());
        assertThat(discovery.library()).isEqualTo(mock().library().library());
    }

    @Test
    void aDeviceFailingMidListingIsListedUnhealthyBesideTheOthers() {
        var listed = on(mock().library(), VendorMock.FAULT_MIDWAY).discover();
        var profile = expected(mock().profile(VendorMock.FAULT_MIDWAY));
        assertThat(listed).extracting(DiscoveredDevice::healthy).containsExactly(true, false, false);
        assertThat(listed.get(0).problems()).isEmpty();
        var midway = listed.get(1);
        assertThat(midway.uuid()).contains(profile.get(1).uuid());
        assertThat(midway.memoryTotalMiB()).isEmpty();
        assertThat(midway.problems()).containsExactly("device 1 (" + profile.get(1).uuid() + "): " + midwayFailure());
        var sick = listed.get(2);
        assertThat(sick.memoryTotalMiB()).isEqualTo(OptionalLong.of(profile.get(2).memoryTotalMiB()));
        assertThat(sick.problems()).singleElement().asString()
                .startsWith("device 2 (" + profile.get(2).uuid() + "): ").contains(healthProblem());
        assertThat(mock().library().initCount()).isEqualTo(initsLeftAfterDiscovery());
    }

    @Test
    void aFailedInitNamesTheVendorTheLibraryAndTheCall() {
        var library = mock().library();
        var discovery = on(library, VendorMock.FAULT_INIT);
        assertThatThrownBy(discovery::discover).isInstanceOf(DiscoveryException.class)
                .hasMessage(unavailable(library.library()) + initFailure());
        assertThat(library.initCount()).isZero();
    }

    @Test
    void aMissingLibraryNamesTheVendorAndTheLibrary() {
        var path = "/nonexistent/" + mock().library().library().replaceAll(".*/", "");
        assertThatThrownBy(() -> open(path)).isInstanceOf(DiscoveryException.class)
                .hasMessage(unopened(path) + "cannot open shared object file");
    }

    @Test
    void aLibraryOfAnotherKindIsRefusedByName() {
        var other = MockLibrary.nativeDir().resolve("not-nvml/libnvidia-ml.so.1").toString();
        assertThatThrownBy(() -> open(other)).isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith(unopened(other) + "not a").hasMessageContaining(" library (it exports ");
    }

    @Test
    void aMissingSymbolIsNamedAndLeavesTheDeviceHealthy() {
        var old = mock().variant(oldVariant());
        var first = on(old, VendorMock.MACHINE).discover().getFirst();
        var uuid = Optional.of(expected(mock().profile(VendorMock.MACHINE)).getFirst().uuid()).filter(u -> oldVariantKeepsTheId());
        assertThat(first.healthy()).isTrue();
        assertThat(first.uuid()).isEqualTo(uuid);
        assertThat(first.problems()).containsExactly("device 0" + uuid.map(u -> " (" + u + ")").orElse("") + ": "
                + missingSymbolFailure());
        assertThat(old.initCount()).isEqualTo(initsLeftAfterDiscovery());
    }

    @Test
    void everyDiscoveryShutsTheLibraryDownAgain() {
        assertThat(mock().library().initCount()).isEqualTo(initsLeftAfterDiscovery());
        assertThat(discovery.discover()).hasSameSizeAs(devices);
        assertThat(mock().library().initCount()).isEqualTo(initsLeftAfterDiscovery());
    }
}

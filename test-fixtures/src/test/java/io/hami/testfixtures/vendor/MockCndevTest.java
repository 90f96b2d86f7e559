package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cndev.CndevDevice;
import io.hami.bindings.cndev.CndevProcess;
import io.hami.bindings.cndev.CndevReturn;
import io.hami.bindings.cndev.CndevSmluInstance;
import io.hami.bindings.cndev.CndevSmluProfile;
import io.hami.bindings.cndev.FfmCndev;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.testfixtures.mock.VendorMock;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Cambricon's discovery against the mock libcndev.so, and what only CNDEV has: int handles, struct versions, and sMLU
 * profiles and instances made within a card's compute, memory and instance limit.
 */
class MockCndevTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.CAMBRICON;
    }

    @Override
    protected String midwayFailure() {
        return "cndevGetMemoryUsageV2 failed: INVALID_DEVICE_ID (6)";
    }

    @Override
    protected String healthProblem() {
        return "cndevGetCardHealthState reports health 0 (device state 1, driver state 5)";
    }

    @Override
    protected String initFailure() {
        return "cndevInit failed: NO_DRIVER (1)";
    }

    @Override
    protected String oldVariant() {
        return "cndev-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "cndevGetMemoryUsageV2 failed: FUNCTION_NOT_FOUND (-99998)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/cambricon_dev" + number;
    }

    private Cndev cndev(String profile) {
        return Cndev.open(mock().library().useProfile(profile).library());
    }

    @Test
    void handlesAreWhatTheLibraryGaveNotIndices() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            var handle = cndev.api().deviceHandle(2).orThrow();
            assertThat(handle).isEqualTo(new CndevDevice(0x102));
            assertThat(cndev.api().uuid(handle).orThrow()).isEqualTo("7f3a1c20-1b2d-4e5f-8a9b-0c1d2e3f4a52");
            assertThat(cndev.api().cardSerial(handle).orThrow()).isEqualTo(0x4a3b2c1d0003L);
            assertThat(cndev.api().uuid(new CndevDevice(2)).status()).isEqualTo(CndevReturn.INVALID_DEVICE_ID);
        }
    }

    @Test
    void aStructVersionTheLibraryRejectsIsNamedWithTheVersionAskedFor() {
        var cndev = cndev("old-api");
        assertThatThrownBy(cndev::discover).isInstanceOf(DiscoveryException.class).hasMessage(
                "Cambricon CNDEV not available: " + mock().library().library()
                        + ": cndevGetDeviceCount failed: UNSUPPORTED_API_VERSION (3), asked with struct version 6");
        try (var _ = cndev.start()) {
            var handle = cndev.api().deviceHandle(0).orThrow();
            assertThat(cndev.api().memory(handle).ok()).as("cndevMemoryInfoV2_t has no version").isTrue();
            assertThatThrownBy(() -> cndev.api().health(handle).orThrow())
                    .hasMessage("cndevGetCardHealthState failed: UNSUPPORTED_API_VERSION (3), asked with struct version 6");
        }
    }

    @Test
    void processesComeByTheTwoCallConventionInKib() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            assertThat(cndev.processes(cndev.api().deviceHandle(0).orThrow())).containsExactly(
                    new CndevProcess(4101, 4096 * 1024, 0), new CndevProcess(4102, 2048 * 1024, 0));
            assertThat(cndev.processes(cndev.api().deviceHandle(1).orThrow())).isEmpty();
            assertThat(cndev.driverVersion()).isEqualTo("5.10.22");
        }
    }

    @Test
    void eachLibraryIsOpenedOnce() {
        assertThat(FfmCndev.open(mock().library().library())).isSameAs(FfmCndev.open(mock().library().library()));
    }

    private static final long GIB = 1L << 30;

    private int live(String what) {
        try {
            return (int) mock().library().control("hamiMockCndevLive" + what, FunctionDescriptor.of(ValueLayout.JAVA_INT))
                    .invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    @Test
    void smluInstancesAreMadeFromProfilesUntilTheCardsInstanceLimitAndDestroyedByHandle() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            var api = cndev.api();
            var card = api.deviceHandle(2).orThrow();
            assertThat(api.smluMode(card).orThrow()).isTrue();
            assertThat(api.smluProfileIds(card).orThrow()).isEmpty();
            int profile = api.createSmluProfile(card, 30, 16 * GIB).orThrow();
            assertThat(api.smluProfileIds(card).orThrow()).containsExactly(profile);
            assertThat(api.smluProfile(card, profile).orThrow())
                    .isEqualTo(new CndevSmluProfile(profile, "30p.16384mb", 2, 2, 30, 16 * GIB));

            int first = api.createSmluInstance(card, profile, "pod-a").orThrow();
            int second = api.createSmluInstance(card, profile, "pod-b").orThrow();

            assertThat(first).isEqualTo(CndevSmluInstance.handle(2, 1)).isEqualTo(0x102);
            assertThat(second).isEqualTo(CndevSmluInstance.handle(2, 2));
            var instance = api.smluInstance(first).orThrow();
            assertThat(instance).isEqualTo(new CndevSmluInstance(profile, 1, "7f3a1c20-1b2d-4e5f-8a9b-000000000001",
                    "30p.16384mb", "pod-a", "/dev/cambricon-caps/cap_dev2_mi1", 30, 16 * GIB));
            assertThat(instance.handle(2)).isEqualTo(first);
            assertThat(api.smluInstances(card).orThrow()).extracting(CndevSmluInstance::instanceName)
                    .containsExactly("pod-a", "pod-b");
            assertThat(api.smluProfile(card, profile).orThrow().remainCapacity()).isZero();
            assertThatThrownBy(() -> api.createSmluInstance(card, profile, "pod-c").orThrow())
                    .hasMessage("cndevCreateSMluInstanceByProfileId failed: INSUFFICIENT_SPACE (9)");
            assertThatThrownBy(() -> api.destroySmluProfile(card, profile).orThrow())
                    .hasMessage("cndevDestroySMluProfileInfo failed: IN_USE (15)");

            api.destroySmluInstance(first).orThrow();
            assertThatThrownBy(() -> api.createSmluInstance(card, profile, "pod-b").orThrow())
                    .hasMessage("cndevCreateSMluInstanceByProfileId failed: DUPLICATE (16)");
            assertThat(api.createSmluInstance(card, profile, "pod-c").orThrow()).as("the lowest free id again")
                    .isEqualTo(first);
            api.destroySmluInstance(first).orThrow();
            api.destroySmluInstance(second).orThrow();
            assertThat(api.destroySmluInstance(second).status()).isEqualTo(CndevReturn.INVALID_ARGUMENT);
            api.destroySmluProfile(card, profile).orThrow();
            assertThat(api.smluProfileIds(card).orThrow()).isEmpty();
        }
    }

    @Test
    void anSmluInstanceMustFitTheComputeAndMemoryTheCardsOtherInstancesLeave() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            var api = cndev.api();
            var card = api.deviceHandle(0).orThrow(); // holds an instance of 50 % and 24 GiB made by hand
            assertThat(api.smluInstances(card).orThrow()).extracting(CndevSmluInstance::instanceName)
                    .containsExactly("by-hand");
            int tooManyCores = api.createSmluProfile(card, 60, 8 * GIB).orThrow();
            int tooMuchMemory = api.createSmluProfile(card, 40, 32 * GIB).orThrow();
            int fits = api.createSmluProfile(card, 50, 24 * GIB).orThrow();

            assertThat(api.createSmluInstance(card, tooManyCores, "").status()).isEqualTo(CndevReturn.INSUFFICIENT_SPACE);
            assertThat(api.createSmluInstance(card, tooMuchMemory, "").status()).isEqualTo(CndevReturn.INSUFFICIENT_SPACE);
            assertThat(api.smluProfile(card, tooMuchMemory).orThrow())
                    .extracting(CndevSmluProfile::totalCapacity, CndevSmluProfile::remainCapacity).containsExactly(1L, 0L);
            assertThat(api.createSmluInstance(card, fits, "").ok()).isTrue();
            assertThat(api.createSmluProfile(card, 101, GIB).status()).isEqualTo(CndevReturn.INVALID_ARGUMENT);
            assertThat(api.createSmluProfile(card, 10, 64 * GIB).status()).isEqualTo(CndevReturn.INVALID_ARGUMENT);
            assertThat(api.createSmluInstance(card, 99, "").status()).as("no such profile")
                    .isEqualTo(CndevReturn.INVALID_ARGUMENT);
        }
    }

    @Test
    void aCardNotInSmluModeSaysSoAndSupportsNoSmluCall() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            var card = cndev.api().deviceHandle(3).orThrow();
            assertThat(cndev.api().smluMode(card).orThrow()).isFalse();
            assertThat(cndev.api().smluProfileIds(card).optional()).isEmpty();
            assertThatThrownBy(() -> cndev.api().createSmluProfile(card, 10, GIB).orThrow())
                    .hasMessage("cndevCreateSMluProfileInfo failed: NOT_SUPPORTED (10)");
        }
    }

    @Test
    void smluInstancesOutliveTheSessionUntilAProfileIsChosenAgain() {
        var cndev = cndev(VendorMock.MACHINE);
        int before;
        try (var _ = cndev.start()) {
            before = live("Smlus"); // the profile's instances, loaded at the first init
            var card = cndev.api().deviceHandle(1).orThrow();
            int profile = cndev.api().smluProfileIds(card).orThrow().getFirst();
            cndev.api().createSmluInstance(card, profile, "kept").orThrow();
        }
        try (var _ = cndev.start()) {
            assertThat(cndev.api().smluInstances(cndev.api().deviceHandle(1).orThrow()).orThrow())
                    .extracting(CndevSmluInstance::instanceName).containsExactly("kept");
        }
        assertThat(live("Smlus")).isEqualTo(before + 1);

        try (var _ = cndev(VendorMock.MACHINE).start()) {
            assertThat(live("Smlus")).isEqualTo(before);
        }
    }

    @Test
    void anInjectedSmluFaultIsTheCallsStatusAndAnOldLibraryLacksTheCalls() {
        var cndev = Cndev.open(mock().library().useProfileText("""
                {"devices": [{"uuid": "MLU-7f3a1c20-1b2d-4e5f-8a9b-0c1d2e3f4a50", "name": "MLU370-X8", "minor": 0,
                  "memoryTotalMiB": 24576, "memoryUsedMiB": 0, "pciBusId": "0000:1a:00.0", "smlu": {"profiles": [{"mluQuota": 10, "memoryMiB": 1024}]},
                  "faults": {"cndevCreateSMluInstanceByProfileId": "NO_PERMISSION"}}]}
                """).library());
        try (var _ = cndev.start()) {
            var card = cndev.api().deviceHandle(0).orThrow();
            assertThatThrownBy(() -> cndev.api().createSmluInstance(card, 0, "x").orThrow())
                    .hasMessage("cndevCreateSMluInstanceByProfileId failed: NO_PERMISSION (13)");
            assertThat(cndev.api().smluInstances(card).orThrow()).isEmpty();
            assertThat(cndev.api().createSmluInstance(card, 0, "n".repeat(100)).failure())
                    .hasMessageStartingWith("cndevCreateSMluInstanceByProfileId failed: INVALID_ARGUMENT (5), instance name nnn");
        }
        var old = Cndev.open(mock().variant(oldVariant()).useProfile(VendorMock.MACHINE).library());
        try (var _ = old.start()) {
            assertThatThrownBy(() -> old.api().smluMode(old.api().deviceHandle(0).orThrow()).orThrow())
                    .hasMessage("cndevGetSMLUMode failed: FUNCTION_NOT_FOUND (-99998)");
        }
    }
}

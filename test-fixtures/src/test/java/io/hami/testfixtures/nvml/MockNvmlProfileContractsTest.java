package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.NvmlApi;
import org.junit.jupiter.api.Nested;

/** The machine and fault contracts against the C mock, through our FFM binding. */
class MockNvmlProfileContractsTest {

    private static final NvmlMock MOCK = NvmlMock.current();

    @Nested
    class Machine extends NvmlMachineContract {
        @Override
        protected NvmlApi machine(NvmlProfile profile) {
            return MOCK.useProfileText(profile.text()).api();
        }
    }

    @Nested
    class Faults extends NvmlFaultContract {
        @Override
        protected NvmlApi machine(String profile) {
            return MOCK.useProfile(profile).api();
        }

        @Override
        protected int injectXid(int index, long xid) {
            return MOCK.injectXid(index, xid);
        }

        @Override
        protected int initCount() {
            return MOCK.initCount();
        }

        @Override
        protected int liveEventSets() {
            return MOCK.liveEventSets();
        }
    }
}

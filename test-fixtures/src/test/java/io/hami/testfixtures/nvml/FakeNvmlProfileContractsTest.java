package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.NvmlApi;
import org.junit.jupiter.api.Nested;

/** The machine and fault contracts against the Java fake. */
class FakeNvmlProfileContractsTest {

    @Nested
    class Machine extends NvmlMachineContract {
        @Override
        protected NvmlApi machine(NvmlProfile profile) {
            return FakeNvml.of(profile);
        }
    }

    @Nested
    class Faults extends NvmlFaultContract {
        private FakeNvml fake;

        @Override
        protected NvmlApi machine(String profile) {
            fake = FakeNvml.fromProfile(profile);
            return fake;
        }

        @Override
        protected int injectXid(int index, long xid) {
            return fake.injectXid(index, xid) ? 0 : 1;
        }

        @Override
        protected int initCount() {
            return fake.initCount();
        }

        @Override
        protected int liveEventSets() {
            return fake.liveEventSets();
        }
    }
}

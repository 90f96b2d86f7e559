package io.hami.deviceplugin.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XidPolicyTest {

    @Test
    void hamisIgnoredXidsLeaveAGpuHealthyAndEveryOtherIsCritical() {
        for (long xid : new long[] {13, 31, 43, 45, 68, 109}) {
            assertThat(XidPolicy.DEFAULT.critical(xid)).as("XID %d", xid).isFalse();
        }
        for (long xid : new long[] {48, 63, 64, 74, 79, 92, 94, 95, 999}) {
            assertThat(XidPolicy.DEFAULT.critical(xid)).as("XID %d", xid).isTrue();
        }
    }

    @Test
    void environmentDisablesAddsAndForcesXids() {
        assertThat(XidPolicy.fromEnvironment(null, "")).isEqualTo(XidPolicy.DEFAULT);
        assertThat(XidPolicy.fromEnvironment("all", null).critical(79)).isFalse();
        assertThat(XidPolicy.fromEnvironment("XIDS", null).enabled()).isFalse();
        var tuned = XidPolicy.fromEnvironment(" 79, 48 ", "31");
        assertThat(tuned.critical(79)).isFalse();
        assertThat(tuned.critical(48)).isFalse();
        assertThat(tuned.critical(31)).isTrue();
        assertThat(tuned.critical(13)).isFalse();
    }

    @Test
    void rejectsAnEntryThatIsNeitherAnXidNorAKeyword() {
        assertThatThrownBy(() -> XidPolicy.fromEnvironment("79,gpu", null))
                .hasMessage("DP_DISABLE_HEALTHCHECKS: not an XID or a keyword: gpu");
    }
}

package io.hami.model.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.Handshake;
import io.hami.model.annotation.HandshakeCodec;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class HandshakeRepliesTest {
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 7, 3, 4, 5, 120_000_000, ZoneId.of("Asia/Shanghai"));

    @Test
    void ascendRepliesWithItsDottedDate() {
        assertThat(HandshakeReplies.reply(Vendor.ASCEND, NOW)).contains("Reported_2026.12.07 03:04:05");
    }

    @Test
    void hygonRepliesWithGosTimeStringTrimmingTheFraction() {
        assertThat(HandshakeReplies.reply(Vendor.HYGON, NOW)).contains("Reported 2026-12-07 03:04:05.12 +0800 CST");
        assertThat(HandshakeReplies.reply(Vendor.HYGON, NOW.withNano(0))).contains("Reported 2026-12-07 03:04:05 +0800 CST");
    }

    @Test
    void agentsThatDoNotTakePartDoNotReply() {
        assertThat(HandshakeReplies.reply(Vendor.NVIDIA, NOW)).isEmpty();
        assertThat(HandshakeReplies.reply(Vendor.ILUVATAR, NOW)).isEmpty();
    }

    @Test
    void everyReplyReadsAsReportedToTheScheduler() throws Exception {
        for (var vendor : Vendor.values()) {
            var reply = HandshakeReplies.reply(vendor, NOW);
            if (reply.isPresent()) {
                assertThat(HandshakeCodec.INSTANCE.decode(reply.get())).isInstanceOf(Handshake.Reported.class);
                assertThat(HandshakeReplies.answered(reply.get())).isTrue();
            }
        }
        assertThat(HandshakeReplies.answered("Requesting_2026-12-07 01:02:03")).isFalse();
        assertThat(HandshakeReplies.answered(null)).isFalse();
    }
}

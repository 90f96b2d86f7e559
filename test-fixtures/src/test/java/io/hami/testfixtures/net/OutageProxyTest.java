package io.hami.testfixtures.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutageProxyTest {
    private ServerSocket echo;
    private OutageProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    var s = echo.accept();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        proxy = OutageProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(text.length()), StandardCharsets.UTF_8);
    }

    private Socket connect() throws IOException {
        var s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (var s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
        }
        assertThat(proxy.accepted()).isEqualTo(1);
    }

    @Test
    void aRefusingOutageCutsOpenConnectionsResetsNewOnesAndUpForwardsOnTheSamePort() throws IOException {
        try (var before = connect()) {
            assertThat(roundTrip(before, "a")).isEqualTo("a");
            proxy.down(OutageProxy.Outage.REFUSE);
            assertThat(before.getInputStream().read()).as("cut").isEqualTo(-1);
        }
        try (var during = connect()) {
            assertThatThrownBy(() -> roundTrip(during, "b")).as("reset").isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
        assertThat(proxy.cut()).isEqualTo(1);

        proxy.up();
        try (var after = connect()) {
            assertThat(roundTrip(after, "again")).isEqualTo("again");
        }
    }

    @Test
    void aBlackholeAcceptsAndNeverAnswersUntilUp() throws IOException {
        proxy.down(OutageProxy.Outage.BLACKHOLE);
        try (var held = connect()) {
            held.setSoTimeout(200);
            held.getOutputStream().write('x');
            assertThatThrownBy(() -> held.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            proxy.up();
            held.setSoTimeout(10_000);
            assertThat(held.getInputStream().read()).as("cut when the server comes back").isEqualTo(-1);
        }
        try (var after = connect()) {
            assertThat(roundTrip(after, "ok")).isEqualTo("ok");
        }
    }
}

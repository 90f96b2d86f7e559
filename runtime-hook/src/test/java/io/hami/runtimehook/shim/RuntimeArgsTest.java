package io.hami.runtimehook.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeArgsTest {

    @Test
    void readsContainerdsCreateCommandLine() {
        var args = RuntimeArgs.parse(List.of("--root", "/run/containerd/runc/k8s.io", "--log", "/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/log.json",
                "--log-format", "json", "--systemd-cgroup", "create", "--bundle", "/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc",
                "--pid-file", "/run/x/init.pid", "--console-socket", "/tmp/pty.sock", "abc"));
        assertThat(args.verb()).contains("create");
        assertThat(args.createsContainer()).isTrue();
        assertThat(args.bundle()).contains("/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc");
        assertThat(args.id()).contains("abc");
        assertThat(args.log()).contains("/run/containerd/io.containerd.runtime.v2.task/k8s.io/abc/log.json");
        assertThat(args.logFormat()).isEqualTo("json");
    }

    @Test
    void readsEveryOptionSpelling() {
        assertThat(RuntimeArgs.parse(List.of("run", "-b", "/b", "c1")).bundle()).contains("/b");
        assertThat(RuntimeArgs.parse(List.of("run", "--bundle=/b", "c1")).bundle()).contains("/b");
        assertThat(RuntimeArgs.parse(List.of("-log=/l", "create", "-bundle", "/b", "--no-pivot", "c1")).bundle()).contains("/b");
        assertThat(RuntimeArgs.parse(List.of("-log=/l", "create", "c1")).log()).contains("/l");
        assertThat(RuntimeArgs.parse(List.of("create", "--preserve-fds", "2", "c1")).id()).contains("c1");
        assertThat(RuntimeArgs.parse(List.of("run", "c1")).bundle()).isEmpty();
    }

    @Test
    void otherVerbsAreNotEdited() {
        for (var verb : List.of("start", "delete", "kill", "state", "exec", "features", "--version")) {
            assertThat(RuntimeArgs.parse(List.of("--root", "/r", verb, "c1")).createsContainer()).as(verb).isFalse();
        }
        assertThat(RuntimeArgs.parse(List.of()).verb()).isEmpty();
        assertThat(RuntimeArgs.parse(List.of("--root", "/r")).verb()).isEmpty();
        assertThat(RuntimeArgs.parse(List.of("--root", "create")).verb()).isEmpty();
    }
}

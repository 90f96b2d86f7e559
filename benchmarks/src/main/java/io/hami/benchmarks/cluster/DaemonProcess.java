package io.hami.benchmarks.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One of our daemons in a JVM of its own, as on a node, for the idle-memory harnesses: started from the CLI jar with
 * the JVM flags under test and the C mock NVML, its output in a log file; its memory read from
 * {@code /proc/<pid>/status}; stopped with SIGTERM.
 */
public final class DaemonProcess {
    private static final Pattern KIB = Pattern.compile("(?m)^(VmHWM|VmRSS|RssAnon|RssFile):\\s+(\\d+) kB$");

    private final Process process;
    private final Path log;

    private DaemonProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmFlags> --enable-native-access=ALL-UNNAMED -jar <jar> <args>} with warnings-only logging,
     * its output in {@code log}.
     *
     * @param env variables to set (e.g. the mock NVML's profile); KUBECONFIG and NODE_NAME are never inherited
     */
    public static DaemonProcess start(Path jar, List<String> jvmFlags, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(args);
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("KUBECONFIG");
        pb.environment().remove("NODE_NAME");
        pb.environment().put("HAMI_LOG_LEVEL", "WARN");
        pb.environment().putAll(env);
        return new DaemonProcess(pb.start(), log);
    }

    /** Whether the daemon still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Prints the daemon's peak and current resident memory, anonymous and file-backed, in MiB. */
    public void printMemory() throws IOException {
        printMemory(process.pid());
    }

    /** Prints the peak and current resident memory of process {@code pid}, anonymous and file-backed, in MiB. */
    public static void printMemory(long pid) throws IOException {
        var m = KIB.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        while (m.find()) {
            System.out.printf("  %s %7.1f MiB%n", m.group(1), Long.parseLong(m.group(2)) / 1024.0);
        }
    }

    /** With native memory tracking among the flags: what the JVM says it holds, by category. */
    public void printNativeMemory() throws IOException, InterruptedException {
        printNativeMemory(process.pid());
    }

    /** What the JVM of process {@code pid} (started with native memory tracking) says it holds, by category. */
    public static void printNativeMemory(long pid) throws IOException, InterruptedException {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var p = new ProcessBuilder(jcmd, Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
        System.out.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** The daemon's output so far; empty when the log cannot be read. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the daemon with SIGTERM (forcibly after 30 s) and prints its exit code, and its output unless it stopped
     * cleanly (143).
     *
     * @return the exit code
     */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        System.out.printf("  after SIGTERM: exit code %d%n", process.exitValue());
        if (process.exitValue() != 143) {
            System.out.print(output());
        }
        return process.exitValue();
    }
}

package io.hami.demo.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@code hami} child process: the java command, its JVM flags and class path, and the entry point.
 * Every child runs through {@link ChildMain}, which ends it when its standard input closes, so no child outlives a
 * demo that is killed without running its shutdown hooks.
 *
 * @param java       the {@code java} executable
 * @param jvmFlags   flags before the class path
 * @param classPath  the class path holding the {@code hami} command
 * @param mainClass  the command's entry point, e.g. {@code io.hami.cli.Main}
 */
public record HamiLauncher(Path java, List<String> jvmFlags, String classPath, String mainClass) {

    /** The {@code hami} command's entry point. */
    public static final String HAMI_MAIN = "io.hami.cli.Main";

    /** Flags every child gets: native access for FFM, and small, quickly started JVMs. */
    public static final List<String> CHILD_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-Xmx256m");

    public HamiLauncher {
        Objects.requireNonNull(java, "java");
        jvmFlags = List.copyOf(jvmFlags);
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(mainClass, "mainClass");
    }

    /** The JVM running this code, with its class path: right when the {@code hami} command itself runs. */
    public static HamiLauncher currentJvm() {
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
        return new HamiLauncher(java, CHILD_FLAGS, System.getProperty("java.class.path"), HAMI_MAIN);
    }

    /**
     * A built {@code hami-cli.jar} (its manifest names {@code lib/*}), run by this JVM's java; for harnesses
     * whose own class path lacks the command (the benchmarks).
     *
     * @throws IllegalArgumentException when the jar does not exist
     */
    public static HamiLauncher jar(Path cliJar) {
        if (!Files.isRegularFile(cliJar)) {
            throw new IllegalArgumentException("no hami command at " + cliJar + " (build it: ./mvnw -DskipTests "
                    + "package -pl cli -am)");
        }
        Path lib = cliJar.toAbsolutePath().getParent().resolve("lib");
        return new HamiLauncher(currentJvm().java(), CHILD_FLAGS,
                cliJar.toAbsolutePath() + File.pathSeparator + lib + "/*", HAMI_MAIN);
    }

    /** The command line running {@code hami args...}, with these system properties. */
    public List<String> command(List<String> systemProperties, List<String> args) {
        var cmd = new ArrayList<String>();
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(systemProperties);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(ChildMain.class.getName());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}

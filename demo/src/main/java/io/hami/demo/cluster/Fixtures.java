package io.hami.demo.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the simulated machines come from: the C mock NVML and the region writer (built by {@code test-fixtures}
 * into {@code target/native}) and the NVML machine profiles.
 *
 * @param nativeDir    the directory holding {@code libnvidia-ml.so.1} and {@code region-writer}
 * @param profilesDir  the directory of the NVML profiles ({@code a100x8.json}, ...)
 */
public record Fixtures(Path nativeDir, Path profilesDir) {

    /** The mock NVML. */
    public Path nvmlLibrary() {
        return nativeDir.resolve("libnvidia-ml.so.1");
    }

    /** The profile {@code name}.json. */
    public Path profile(String name) {
        return profilesDir.resolve(name + ".json");
    }

    /**
     * The fixtures of a source checkout at {@code root}.
     *
     * @throws IllegalStateException naming what is missing and how to build it
     */
    public static Fixtures inCheckout(Path root) {
        var fixtures = new Fixtures(root.resolve("test-fixtures/target/native").toAbsolutePath().normalize(),
                root.resolve("test-fixtures/src/main/resources/nvml-profiles").toAbsolutePath().normalize());
        if (!Files.isRegularFile(fixtures.nvmlLibrary()) || !Files.isRegularFile(fixtures.nativeDir()
                .resolve("region-writer"))) {
            throw new IllegalStateException("the mock NVML is not built under " + fixtures.nativeDir()
                    + " (run ./mvnw -B -DskipTests package -pl cli -am)");
        }
        if (!Files.isDirectory(fixtures.profilesDir())) {
            throw new IllegalStateException("no NVML profiles at " + fixtures.profilesDir());
        }
        return fixtures;
    }
}

package io.hami.testfixtures.region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C fixture {@code region-writer} (test-fixtures/src/main/c/region-writer), built against our region
 * header: it creates HAMi-core region files of any layout and acts on them as HAMi-core's processes do
 * (register, book memory under the seqlock, exit, compact, hammer). Each call runs it once, as one
 * short-lived process, and fails the test when it fails.
 */
public final class RegionWriterFixture {
    private final Path binary;
    private final Path file;

    private RegionWriterFixture(Path binary, Path file) {
        this.binary = binary;
        this.file = file;
    }

    /** The fixture acting on {@code file}, found through the {@code hami.native.dir} system property. */
    public static RegionWriterFixture on(Path file) {
        var dir = System.getProperty("hami.native.dir");
        if (dir == null) {
            throw new IllegalStateException("system property hami.native.dir is not set (surefire sets it to test-fixtures/target/native)");
        }
        var binary = Path.of(dir, "region-writer");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no " + binary + ": build test-fixtures first");
        }
        return new RegionWriterFixture(binary, file);
    }

    /** The region file. */
    public Path file() {
        return file;
    }

    /** {@code create FILE LAYOUT OPTIONS...}: layout {@code v0}, {@code 1.1} or {@code 1.2}. */
    public RegionWriterFixture create(String layout, String... options) {
        var args = new ArrayList<>(List.of("create", file.toString(), layout));
        args.addAll(List.of(options));
        check(args);
        return this;
    }

    /** Any other command, e.g. {@code run("register", "101", "4242")}; fails unless it exits 0. */
    public RegionWriterFixture run(String command, String... args) {
        var all = new ArrayList<>(List.of(command, file.toString()));
        all.addAll(List.of(args));
        check(all);
        return this;
    }

    /** Runs a command and returns its exit status and output, whatever the status. */
    public Result attempt(String command, String... args) {
        var all = new ArrayList<>(List.of(command, file.toString()));
        all.addAll(List.of(args));
        return execute(all);
    }

    /** Starts a command without waiting for it (for {@code hammer}); the caller waits and reads its output. */
    public Process start(String command, String... args) {
        var all = new ArrayList<>(List.of(binary.toString(), command, file.toString()));
        all.addAll(List.of(args));
        try {
            return new ProcessBuilder(all).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exit status and output of one run. */
    public record Result(int exitCode, String out, String err) {
    }

    private void check(List<String> args) {
        var result = execute(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("region-writer " + String.join(" ", args) + " exited " + result.exitCode() + ": " + result.err());
        }
    }

    private Result execute(List<String> args) {
        var command = new ArrayList<String>();
        command.add(binary.toString());
        command.addAll(args);
        try {
            var errFile = Files.createTempFile("region-writer", ".err");
            try {
                var process = new ProcessBuilder(command).redirectError(errFile.toFile()).start();
                var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("region-writer did not finish: " + command);
                }
                return new Result(process.exitValue(), out, Files.readString(errFile));
            } finally {
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

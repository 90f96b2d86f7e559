package io.hami.cli.demo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The source checkout the demo runs from, which holds the mock NVML build, the NVML profiles and {@code examples/}:
 * the directory of the {@code ./hami} launcher ({@code HAMI_COMMAND}), else the checkout around this command's
 * jar or classes, else the working directory.
 */
final class Checkout {

    private Checkout() {
    }

    static Path root(Optional<Path> given) {
        if (given.isPresent()) {
            return given.get().toAbsolutePath().normalize();
        }
        String launcher = System.getenv("HAMI_COMMAND");
        if (launcher != null && !launcher.isEmpty()) {
            Path dir = Path.of(launcher).toAbsolutePath().getParent();
            if (isCheckout(dir)) {
                return dir;
            }
        }
        try {
            var source = Checkout.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                for (Path p = Path.of(source.getLocation().toURI()).toAbsolutePath(); p != null; p = p.getParent()) {
                    if (isCheckout(p)) {
                        return p;
                    }
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static boolean isCheckout(Path dir) {
        return dir != null && Files.isDirectory(dir.resolve("test-fixtures")) && Files.isDirectory(dir.resolve("cli"));
    }
}

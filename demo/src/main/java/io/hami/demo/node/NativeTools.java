package io.hami.demo.node;

import io.hami.bindings.discovery.DeviceVendor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the tools a simulated node runs by default: the vendors' C mocks and the region writers, which the build leaves
 * in {@code test-fixtures/target/native} (first in the directory named by the system property {@value #PROPERTY},
 * then in that folder of the checkout), and the checkout's launchers. The checkout is looked for above the working
 * directory and above the jar or classes directory this class was loaded from.
 */
public final class NativeTools {
    /** The system property naming the directory of the built C fixtures. */
    public static final String PROPERTY = "hami.native.dir";
    /** Where the build puts them, relative to the checkout. */
    public static final Path BUILD_DIR = Path.of("test-fixtures", "target", "native");
    /** The mock NVML's file name. */
    public static final String MOCK_NVML = "libnvidia-ml.so.1";
    /** The region writer's file name. */
    public static final String REGION_WRITER = "region-writer";
    /** The runtime shim's launcher at the root of the checkout. */
    public static final String RUNTIME_SHIM = "hami-runtime";

    private NativeTools() {
    }

    /**
     * The file name of {@code vendor}'s C mock: the build writes each mock under the name of the vendor's preferred
     * library ({@code libcndev.so}, {@code libdcmi.so}, …), so that the bindings open it as they would the real one.
     */
    public static String mockLibrary(DeviceVendor vendor) {
        return Path.of(vendor.sources().getFirst().libraries().getFirst()).getFileName().toString();
    }

    /** The first existing {@code name} among the candidate directories. */
    public static Optional<Path> find(String name) {
        var dirs = new ArrayList<Path>();
        var property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            dirs.add(Path.of(property));
        }
        checkouts().forEach(root -> dirs.add(root.resolve(BUILD_DIR)));
        return dirs.stream().map(dir -> dir.resolve(name)).filter(Files::isRegularFile).findFirst();
    }

    /** The jar the checkout's launchers run; a launcher without it would only say the checkout is not built. */
    public static final Path CLI_JAR = Path.of("cli", "target", "hami-cli.jar");

    /** A launcher at the root of a built checkout ({@code hami}, {@code hami-runtime}), found the same way. */
    public static Optional<Path> launcher(String name) {
        return checkouts().stream().map(root -> root.resolve(name))
                .filter(p -> Files.isExecutable(p) && Files.isRegularFile(p.resolveSibling(CLI_JAR))).findFirst();
    }

    /** The working directory and the class's location, and every directory above them. */
    private static List<Path> checkouts() {
        var dirs = new ArrayList<Path>();
        addAncestors(dirs, Path.of("").toAbsolutePath());
        codeLocation().ifPresent(location -> addAncestors(dirs, location));
        return dirs;
    }

    private static void addAncestors(List<Path> dirs, Path start) {
        for (var dir = start; dir != null; dir = dir.getParent()) {
            dirs.add(dir);
        }
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = NativeTools.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}

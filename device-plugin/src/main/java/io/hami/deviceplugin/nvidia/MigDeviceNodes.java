package io.hami.deviceplugin.nvidia;

import io.hami.bindings.nvml.MigDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The device nodes of a MIG device: its GPU's {@code /dev/nvidia<minor>} and the capability nodes that grant access to
 * its GPU instance and compute instance, {@code /dev/nvidia-caps/nvidia-cap<N>}, where the driver writes N as
 * {@code DeviceFileMinor: N} in {@code <proc>/driver/nvidia/capabilities/gpu<minor>/mig/gi<g>/access} and
 * {@code .../gi<g>/ci<c>/access}.
 */
public final class MigDeviceNodes {

    private static final Pattern MINOR = Pattern.compile("(?m)^DeviceFileMinor:\\s*(\\d{1,9})\\s*$");
    /** How much of an access file is read: the driver's are a few dozen bytes. */
    private static final int MAX_BYTES = 4096;

    private final Path procRoot;

    /** Nodes read from the driver's files under {@code procRoot} (normally {@code /proc}). */
    public MigDeviceNodes(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * The nodes of a MIG device of the GPU with minor {@code gpuMinor}.
     *
     * @throws IllegalStateException naming the file that is missing or says no minor
     */
    public List<String> of(MigDevice device, int gpuMinor) {
        var gi = procRoot.resolve("driver/nvidia/capabilities/gpu" + gpuMinor + "/mig/gi" + device.gpuInstanceId());
        return List.of("/dev/nvidia" + gpuMinor, "/dev/nvidia-caps/nvidia-cap" + minor(gi.resolve("access")),
                "/dev/nvidia-caps/nvidia-cap" + minor(gi.resolve("ci" + device.computeInstanceId()).resolve("access")));
    }

    private static int minor(Path access) {
        String text;
        try (var in = Files.newInputStream(access)) {
            text = new String(in.readNBytes(MAX_BYTES), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("MIG capability file " + access + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException("MIG capability file " + access + " cannot be read: " + e.getMessage());
        }
        var m = MINOR.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("MIG capability file " + access + " has no \"DeviceFileMinor: <n>\" line");
        }
        return Integer.parseInt(m.group(1));
    }
}

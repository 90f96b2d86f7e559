package io.hami.cli.region;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionHeader;
import io.hami.bindings.region.RegionWriter;
import io.hami.cli.UserInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami region set-switch PATH --utilization-switch 0|1 --recent-kernel N}: what the monitor's feedback
 * loop writes, by hand. The monitor rewrites both on its next pass.
 */
@Command(name = "set-switch", mixinStandardHelpOptions = true,
        description = "Write utilization_switch and/or recent_kernel of a HAMi-core region file (nothing else is written).")
final class SetSwitchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "The region file.")
    Path path;

    @Option(names = "--utilization-switch", paramLabel = "0|1",
            description = "1: libvgpu enforces the core limit; 0: the container may burst past it.")
    Integer utilizationSwitch;

    @Option(names = "--recent-kernel", paramLabel = "N",
            description = "-1 blocks the container's kernel launches, 0 releases them; 2 marks a recent launch.")
    Integer recentKernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (utilizationSwitch == null && recentKernel == null) {
            throw new UserInputException("hami region set-switch: give --utilization-switch or --recent-kernel (or both)");
        }
        if (utilizationSwitch != null && utilizationSwitch != 0 && utilizationSwitch != 1) {
            throw new UserInputException("--utilization-switch must be 0 or 1: " + utilizationSwitch);
        }
        if (recentKernel != null && (recentKernel < -1 || recentKernel > 2)) {
            throw new UserInputException("--recent-kernel must be -1, 0, 1 or 2: " + recentKernel);
        }
        var written = new ArrayList<String>();
        try (var writer = RegionWriter.open(path)) {
            RegionHeader header = null;
            if (utilizationSwitch != null) {
                header = writer.putUtilizationSwitchRelease(utilizationSwitch);
                written.add("utilization_switch " + utilizationSwitch);
            }
            if (recentKernel != null) {
                header = writer.putRecentKernelRelease(recentKernel);
                written.add("recent_kernel " + recentKernel);
            }
            var out = spec.commandLine().getOut();
            out.println(path + ": " + String.join(", ", written) + " (layout " + header.format().label() + ")");
            if (!header.knownVersion()) {
                out.println(header.unknownVersionNote());
            }
        } catch (InvalidRegionException e) {
            throw RegionCommand.invalid(e);
        } catch (IOException e) {
            throw RegionCommand.unreadable(path, e);
        }
        return 0;
    }
}

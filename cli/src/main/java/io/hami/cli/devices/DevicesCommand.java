package io.hami.cli.devices;

import io.hami.bindings.nvml.DeviceSummary;
import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.model.json.CanonicalJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami devices}: the node's NVIDIA GPUs as NVML reports them. A device whose calls fail (a lost GPU) is
 * listed as unhealthy with what could be read, and its error goes to stderr; the command still succeeds.
 * Without a usable NVML it prints one line, {@code NVML not available: <why>}, and exits with 3.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the NVIDIA GPUs of this machine through NVML.")
public final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array (index, uuid, name, memoryTotalMiB, memoryUsedMiB, "
            + "minor, pciBusId, numa, healthy, migEnabled) instead of a table.")
    boolean json;

    @Option(names = "--library", paramLabel = "PATH", defaultValue = FfmNvml.DEFAULT_LIBRARY,
            description = "The NVML library to load (default: ${DEFAULT-VALUE}, found by the dynamic linker).")
    String library;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var devices = survey();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(CanonicalJson.PRETTY.writeValueAsString(DeviceTable.json(devices)));
        } else {
            DeviceTable.text(devices).forEach(out::println);
        }
        out.flush();
        var err = spec.commandLine().getErr();
        devices.stream().flatMap(d -> d.problems().stream()).forEach(p -> err.println("hami: " + p));
        err.flush();
        return 0;
    }

    private List<DeviceSummary> survey() throws UserInputException {
        Nvml nvml;
        try {
            nvml = Nvml.open(library);
        } catch (NvmlLibraryException e) {
            throw unavailable(e.getMessage());
        }
        try (var _ = nvml.start()) {
            return nvml.survey();
        } catch (NvmlException e) {
            throw unavailable(e.getMessage());
        }
    }

    private static UserInputException unavailable(String why) {
        return new UserInputException("NVML not available: " + why, HamiCommand.EXIT_NATIVE_UNAVAILABLE);
    }
}

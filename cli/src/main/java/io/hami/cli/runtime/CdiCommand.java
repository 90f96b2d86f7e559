package io.hami.cli.runtime;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.cdi.CdiGenerator;
import io.hami.runtimehook.cdi.CdiWriter;
import io.hami.runtimehook.config.ConfigFile;
import io.hami.runtimehook.device.DeviceNodeLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hami cdi}: Container Device Interface specs of this node's devices. */
@Command(name = "cdi", mixinStandardHelpOptions = true, description = "Container Device Interface (CDI) specs.",
        subcommands = CdiCommand.Generate.class)
public final class CdiCommand {

    /** {@code hami cdi generate}: writes {@code hami.io-gpu.json} for the GPUs NVML reports. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Writes a CDI spec (kind " + HamiAnnotations.CDI_KIND + ") with each GPU by UUID, a device 'all', the control "
                + "nodes, the node-wide HAMi-core mounts and the createRuntime hook; atomically, into the spec directory.")
    public static final class Generate implements Callable<Integer> {
        @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "/var/run/cdi",
                description = "The CDI spec directory (default: ${DEFAULT-VALUE}).")
        Path outputDir;

        @Option(names = "--stdout", description = "Print the spec instead of writing it.")
        boolean stdout;

        @Option(names = "--config", paramLabel = "FILE", description = "The runtime configuration (default: HAMI_RUNTIME_CONFIG, else "
                + ConfigFile.DEFAULT_PATH + ").")
        String config;

        @Option(names = "--library", paramLabel = "PATH", description = "The NVML library (default: the configuration's nvmlLibrary).")
        String library;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var env = new HashMap<>(System.getenv());
            if (config != null) {
                env.put(ConfigFile.CONFIG_ENV, config);
            }
            try {
                var cfg = ConfigFile.load(env);
                var cdi = new CdiGenerator(cfg, DeviceNodeLookup.fileSystem()).generate(gpus(library != null ? library : cfg.nvmlLibrary()));
                if (stdout) {
                    spec.commandLine().getOut().print(CdiWriter.json(cdi));
                    spec.commandLine().getOut().flush();
                } else {
                    var file = CdiWriter.write(outputDir.toAbsolutePath(), cdi);
                    spec.commandLine().getErr().println("hami: wrote " + file + " (" + (cdi.devices().size() - (cdi.devices().isEmpty() ? 0 : 1))
                            + " GPUs, cdiVersion " + cdi.cdiVersion() + ")");
                    spec.commandLine().getErr().flush();
                }
                return 0;
            } catch (HookException e) {
                throw new UserInputException(e.getMessage());
            }
        }

        private List<CdiGenerator.Gpu> gpus(String lib) throws UserInputException {
            try {
                var nvml = Nvml.open(lib);
                try (var _ = nvml.start()) {
                    var gpus = new ArrayList<CdiGenerator.Gpu>();
                    for (int i = 0; i < nvml.deviceCount(); i++) {
                        var device = nvml.device(i);
                        gpus.add(new CdiGenerator.Gpu(nvml.uuid(device), nvml.minor(device)));
                    }
                    return gpus;
                }
            } catch (NvmlLibraryException | NvmlException e) {
                throw new UserInputException("NVML not available: " + e.getMessage(), HamiCommand.EXIT_NATIVE_UNAVAILABLE);
            }
        }
    }
}

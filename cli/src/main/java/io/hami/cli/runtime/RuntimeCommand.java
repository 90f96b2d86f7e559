package io.hami.cli.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hami runtime …}: a drop-in OCI runtime with runc's command line. On {@code create} and {@code run} it adds a
 * HAMi allocation's device nodes, cgroup rules, HAMi-core mounts and {@code createRuntime} hook to the bundle's
 * {@code config.json}, then runs the real runtime (configuration key {@code runtime}, default {@code runc}) with the
 * same arguments; every other verb goes straight through. The {@code hami} launcher runs the other verbs without a
 * JVM, and {@code main} runs this command without building the command tree ({@link RuntimeEntry}).
 */
@Command(name = "runtime",
        description = {"A drop-in OCI runtime (runc's command line) that injects HAMi allocations on create/run, then runs the real runtime.",
            "Configuration: the file named by HAMI_RUNTIME_CONFIG, else /etc/hami/runtime.conf."})
public final class RuntimeCommand implements Callable<Integer> {

    @Option(names = RuntimeEntry.EDIT_ONLY, hidden = true, description = "Edit config.json only; the caller runs the runtime.")
    boolean editOnly;

    @Parameters(paramLabel = "RUNTIME-ARGS", arity = "0..*", description = "The OCI runtime's arguments, e.g. create --bundle DIR ID.")
    List<String> runtimeArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return RuntimeEntry.runtime(runtimeArgs, editOnly, System.getenv(), spec.commandLine().getErr());
    }

    /** Lets runc's options through as arguments: unknown options are positional, and so is everything after the first. */
    public static void configure(picocli.CommandLine runtime) {
        runtime.setUnmatchedOptionsArePositionalParams(true);
        runtime.setStopAtPositional(true);
        runtime.setEndOfOptionsDelimiter("--hami-end-of-options");
    }
}

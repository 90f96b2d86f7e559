package io.hami.cli.runtime;

import io.hami.cli.HamiCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hami hook}: OCI hooks the runtime runs; the container state comes on stdin. */
@Command(name = "hook", mixinStandardHelpOptions = true,
        description = "OCI hooks: the runtime runs them with the container state on stdin.",
        subcommands = HookCommand.CreateRuntime.class)
public final class HookCommand {

    /** {@code hami hook createRuntime}: verify a HAMi container's devices and directory, record what was found. */
    @Command(name = "createRuntime", mixinStandardHelpOptions = true,
            description = {"Verifies that the device nodes config.json names exist on the host and are allowed, makes the "
                + "per-container HAMi-core directory if missing and records the container in the state directory.",
                "Any inconsistency prints one line and exits 2, so the runtime aborts the container."})
    public static final class CreateRuntime implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return RuntimeEntry.hook(System.getenv(), HamiCommand.stdin(spec), spec.commandLine().getErr());
        }
    }
}

package io.hami.cli;

import io.hami.cli.runtime.AotTraining;
import io.hami.cli.runtime.RuntimeEntry;
import java.io.PrintWriter;

/**
 * The jar's entry point. A container start ({@code hami runtime …}, {@code hami hook createRuntime}) goes to
 * {@link RuntimeEntry} without loading picocli or the command tree; everything else to {@link HamiCommand}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (RuntimeEntry.handles(args)) {
            int code = RuntimeEntry.run(args, System.getenv(), System.in, new PrintWriter(System.err, true));
            System.out.flush();
            System.err.flush();
            // halt, not exit: exit first sets up the JDK's System.Logger (it logs Runtime.exit), about 10 ms on
            // every container start; this path registers no shutdown hook and has closed every file it wrote.
            Runtime.getRuntime().halt(code);
        }
        if (args.length > 0 && args[0].equals(AotTraining.COMMAND)) {
            int code = AotTraining.run(args);
            System.out.flush();
            System.err.flush();
            // halt, as a container start ends: the classes System.exit loads would go into the AOT cache it records.
            Runtime.getRuntime().halt(code);
        }
        HamiCommand.main(args);
    }
}

package io.hami.runtimehook.shim;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of an OCI runtime command line (runc's, which containerd and CRI-O write) the shim needs: the global
 * {@code --log} and {@code --log-format}, the verb, and for {@code create}/{@code run} the {@code --bundle} and the
 * container id. Options may be written {@code --name value}, {@code --name=value} or with one dash, as runc's
 * parser takes them. The arguments themselves are passed to the real runtime unchanged.
 *
 * @param args      the whole command line after the program name
 * @param log       {@code --log}, where the runtime writes its log
 * @param logFormat {@code --log-format}: {@code text} or {@code json}
 * @param verb      the first argument that is not a global option, e.g. {@code create}; empty when there is none
 * @param bundle    {@code --bundle}/{@code -b} of {@code create}/{@code run}; runc's default is the working directory
 * @param id        the container id of {@code create}/{@code run}
 */
public record RuntimeArgs(List<String> args, Optional<String> log, String logFormat, Optional<String> verb,
        Optional<String> bundle, Optional<String> id) {

    private static final Set<String> GLOBAL_VALUE = Set.of("log", "log-format", "root", "criu", "rootless");
    private static final Set<String> CREATE_VALUE = Set.of("bundle", "b", "console-socket", "pid-file", "preserve-fds");

    public RuntimeArgs {
        args = List.copyOf(args);
    }

    /** Parses {@code args}; it never fails, an unknown form simply is not a verb the shim edits for. */
    public static RuntimeArgs parse(List<String> args) {
        String log = null;
        String logFormat = "text";
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
            var name = optionName(args.get(i));
            var inline = inlineValue(args.get(i));
            String value = inline;
            if (inline == null && GLOBAL_VALUE.contains(name) && i + 1 < args.size()) {
                value = args.get(++i);
            }
            if (name.equals("log")) {
                log = value;
            } else if (name.equals("log-format") && value != null) {
                logFormat = value;
            }
            i++;
        }
        if (i >= args.size()) {
            return new RuntimeArgs(args, Optional.ofNullable(log), logFormat, Optional.empty(), Optional.empty(), Optional.empty());
        }
        var verb = args.get(i++);
        String bundle = null;
        String id = null;
        if (verb.equals("create") || verb.equals("run")) {
            for (; i < args.size(); i++) {
                var arg = args.get(i);
                if (arg.equals("--")) {
                    id = i + 1 < args.size() ? args.get(i + 1) : null;
                    break;
                }
                if (!arg.startsWith("-") || arg.equals("-")) {
                    id = id == null ? arg : id;
                    continue;
                }
                var name = optionName(arg);
                var value = inlineValue(arg);
                if (value == null && CREATE_VALUE.contains(name) && i + 1 < args.size()) {
                    value = args.get(++i);
                }
                if (name.equals("bundle") || name.equals("b")) {
                    bundle = value;
                }
            }
        }
        return new RuntimeArgs(args, Optional.ofNullable(log), logFormat, Optional.of(verb), Optional.ofNullable(bundle),
                Optional.ofNullable(id));
    }

    /** Whether the verb creates a container from a bundle, so that the shim edits its {@code config.json}. */
    public boolean createsContainer() {
        return verb.isPresent() && (verb.get().equals("create") || verb.get().equals("run"));
    }

    private static String optionName(String arg) {
        var s = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        int eq = s.indexOf('=');
        return eq < 0 ? s : s.substring(0, eq);
    }

    private static String inlineValue(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? null : arg.substring(eq + 1);
    }
}

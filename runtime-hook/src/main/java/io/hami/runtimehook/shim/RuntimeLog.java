package io.hami.runtimehook.shim;

import io.hami.runtimehook.oci.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes the shim's error where the container manager looks for the runtime's: containerd and CRI-O give runc a
 * {@code --log} file and, when the runtime fails, report its last {@code error} entry. The line has runc's shape in
 * the requested format ({@code json} or {@code text}).
 */
public final class RuntimeLog {

    private RuntimeLog() {
    }

    /** Appends {@code message} as an error entry to the log of {@code args}, if it names one; a write failure is ignored. */
    public static void error(RuntimeArgs args, String message, Instant now) {
        if (args.log().isEmpty() || args.log().get().isEmpty()) {
            return;
        }
        String line;
        if (args.logFormat().equals("json")) {
            line = new JsonObject().put("level", "error").put("msg", message).put("time", now.toString()) + "\n";
        } else {
            line = "time=\"" + now + "\" level=error msg=\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
        }
        try {
            Files.writeString(Path.of(args.log().get()), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            // stderr already has the line; the log is a second copy.
        }
    }
}

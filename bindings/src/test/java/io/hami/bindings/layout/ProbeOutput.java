package io.hami.bindings.layout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The output of one C layout probe (native-headers/probe/*.c): the size and alignment of each struct, the
 * offset and size of each member, and the values of constants, exactly as gcc laid them out.
 */
public record ProbeOutput(String name, Map<String, CStruct> structs, Map<String, Long> constants) {

    /** One struct as C sees it; {@code members} keep the probe's order. */
    public record CStruct(String name, long size, long align, Map<String, CMember> members) {
    }

    /** One member: its byte offset in the struct and its size. */
    public record CMember(String name, long offset, long size) {
    }

    /** Reads {@code <hami.probe.dir>/<probe>.layout}, written by the native-headers build. */
    public static ProbeOutput load(String probe) {
        var dir = System.getProperty("hami.probe.dir");
        if (dir == null) {
            throw new IllegalStateException("system property hami.probe.dir is not set (surefire sets it to native-headers/target/probes)");
        }
        var file = Path.of(dir, probe + ".layout");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no probe output " + file + ": build native-headers first (./mvnw -pl bindings -am verify)");
        }
        try {
            return parse(probe, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProbeOutput parse(String name, String text) {
        var structs = new LinkedHashMap<String, CStruct>();
        var members = new LinkedHashMap<String, Map<String, CMember>>();
        var constants = new LinkedHashMap<String, Long>();
        int lineNo = 0;
        for (var line : text.split("\n")) {
            lineNo++;
            var f = line.trim().split("\\s+");
            switch (f[0]) {
                case "struct" -> {
                    expect(f, 4, name, lineNo, line);
                    var m = new LinkedHashMap<String, CMember>();
                    members.put(f[1], m);
                    structs.put(f[1], new CStruct(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), m));
                }
                case "member" -> {
                    expect(f, 5, name, lineNo, line);
                    var owner = members.get(f[1]);
                    if (owner == null) {
                        throw new IllegalStateException(name + ".layout:" + lineNo + ": member of unprobed struct " + f[1]);
                    }
                    owner.put(f[2], new CMember(f[2], Long.parseLong(f[3]), Long.parseLong(f[4])));
                }
                case "const" -> {
                    expect(f, 3, name, lineNo, line);
                    constants.put(f[1], Long.parseLong(f[2]));
                }
                case "" -> { }
                default -> throw new IllegalStateException(name + ".layout:" + lineNo + ": unknown line: " + line);
            }
        }
        return new ProbeOutput(name, Map.copyOf(structs), Map.copyOf(constants));
    }

    /** The struct, or a failure naming the probe when the probe does not print it. */
    public CStruct struct(String cName) {
        var s = structs.get(cName);
        if (s == null) {
            throw new AssertionError("probe " + name + " prints no struct " + cName + " (it prints " + structs.keySet() + ")");
        }
        return s;
    }

    /** The constant, or a failure naming the probe. */
    public long constant(String cName) {
        var v = constants.get(cName);
        if (v == null) {
            throw new AssertionError("probe " + name + " prints no constant " + cName);
        }
        return v;
    }

    private static void expect(String[] fields, int n, String probe, int lineNo, String line) {
        if (fields.length != n) {
            throw new IllegalStateException(probe + ".layout:" + lineNo + ": expected " + n + " fields: " + line);
        }
    }
}

package io.hami.bindings.layout;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves a Java {@link GroupLayout} equal to the C struct gcc compiled: same total size and alignment, and
 * for every member the C probe prints, a Java member of the same name at the same offset with the same size;
 * every named Java member must be one the probe prints. Padding members are the only unnamed ones allowed.
 */
public final class LayoutProof {

    private LayoutProof() {
    }

    /** Every difference between the C struct and the Java layout, one sentence each; empty when they agree. */
    public static List<String> differences(ProbeOutput.CStruct c, GroupLayout java) {
        var out = new ArrayList<String>();
        var where = c.name() + " vs " + java.name().orElse("<unnamed layout>");
        if (java.byteSize() != c.size()) {
            out.add(where + ": sizeof is " + c.size() + " in C but " + java.byteSize() + " in Java");
        }
        if (java.byteAlignment() != c.align()) {
            out.add(where + ": alignment is " + c.align() + " in C but " + java.byteAlignment() + " in Java");
        }
        long offset = 0;
        var javaNames = new ArrayList<String>();
        for (MemoryLayout member : java.memberLayouts()) {
            long at = java instanceof java.lang.foreign.UnionLayout ? 0 : offset;
            offset += member.byteSize();
            if (member instanceof PaddingLayout) {
                continue;
            }
            var name = member.name().orElse(null);
            if (name == null) {
                out.add(where + ": Java member at offset " + at + " has no name");
                continue;
            }
            javaNames.add(name);
            var cm = c.members().get(name);
            if (cm == null) {
                out.add(where + ": Java member " + name + " is not probed in C");
                continue;
            }
            if (cm.offset() != at) {
                out.add(where + ": " + name + " is at offset " + cm.offset() + " in C but " + at + " in Java");
            }
            if (cm.size() != member.byteSize()) {
                out.add(where + ": " + name + " has size " + cm.size() + " in C but " + member.byteSize() + " in Java");
            }
        }
        for (var cName : c.members().keySet()) {
            if (!javaNames.contains(cName)) {
                out.add(where + ": C member " + cName + " is missing from the Java layout");
            }
        }
        return out;
    }

    /** Fails with every difference listed when the layouts disagree. */
    public static void assertMatches(ProbeOutput probe, String cStruct, GroupLayout java) {
        var diffs = differences(probe.struct(cStruct), java);
        if (!diffs.isEmpty()) {
            throw new AssertionError("layout of " + cStruct + " differs from C:\n  " + String.join("\n  ", diffs));
        }
    }
}

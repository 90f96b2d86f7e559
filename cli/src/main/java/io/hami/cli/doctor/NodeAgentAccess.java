package io.hami.cli.doctor;

import java.util.List;
import java.util.Objects;

/**
 * The API access of the node agents' account (the device plugin and the monitor beside it, docs/install.md, "What each
 * component needs from the node and the API server"): {@code hami doctor} asks the API server whether its account
 * has each, and the chart's tests hold the chart's rules to exactly this list.
 */
public final class NodeAgentAccess {

    /**
     * One kind of call: a verb on a resource of the core group, cluster-wide.
     *
     * @param verb     get, list, watch, create, patch
     * @param resource the resource, plural
     * @param why      which part of the agents needs it, for the finding when it is denied
     */
    public record Access(String verb, String resource, String why) {
        public Access {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(why, "why");
        }

        /** As RBAC tests name it: {@code get nodes}. */
        @Override
        public String toString() {
            return verb + " " + resource;
        }
    }

    /** What the device plugin and the monitor call. */
    public static final List<Access> DEVICE_PLUGIN = List.of(
            new Access("get", "nodes", "the device plugin reads its node (registration, the node lock)"),
            new Access("patch", "nodes", "the device plugin registers its devices and releases the node lock"),
            new Access("get", "pods", "the device plugin reads the pod being allocated"),
            new Access("list", "pods", "the device plugin finds the pod an Allocate is for"),
            new Access("patch", "pods", "the device plugin writes the bind phase and the allocation"),
            new Access("create", "events", "the device plugin records why an Allocate failed"),
            new Access("watch", "pods", "the monitor follows its node's pods"));

    private NodeAgentAccess() {
    }
}

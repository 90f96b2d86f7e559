package io.hami.runtimehook.cdi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * A Container Device Interface spec file ({@code tags.cncf.io/container-device-interface}, spec 1.x): a
 * {@code kind} ({@code vendor.com/class}), named devices with their container edits, and edits shared by every
 * device of the file. Only the members this project writes are modelled; CDI loaders reject unknown members, so
 * nothing else may appear. {@code cdiVersion} is the lowest version that covers the members used ({@link CdiVersions}).
 *
 * @param cdiVersion     e.g. {@code 0.5.0}
 * @param kind           e.g. {@code hami.io/gpu}
 * @param devices        the devices, by name
 * @param containerEdits edits applied whenever any device of this spec is injected
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"cdiVersion", "kind", "devices", "containerEdits"})
public record CdiSpec(String cdiVersion, String kind, List<Device> devices, ContainerEdits containerEdits) {

    public CdiSpec {
        Objects.requireNonNull(cdiVersion, "cdiVersion");
        Objects.requireNonNull(kind, "kind");
        devices = List.copyOf(devices);
        Objects.requireNonNull(containerEdits, "containerEdits");
    }

    /**
     * One device, e.g. a GPU by UUID.
     *
     * @param name           the name after {@code kind=} in a fully qualified device name
     * @param containerEdits what injecting it adds
     */
    @JsonPropertyOrder({"name", "containerEdits"})
    public record Device(String name, ContainerEdits containerEdits) {
    }

    /**
     * Edits of a container's OCI spec.
     *
     * @param env         {@code NAME=value} entries
     * @param deviceNodes device nodes to create (and allow)
     * @param mounts      bind mounts
     * @param hooks       OCI hooks
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"env", "deviceNodes", "mounts", "hooks"})
    public record ContainerEdits(List<String> env, List<DeviceNode> deviceNodes, List<MountEdit> mounts, List<Hook> hooks) {
    }

    /**
     * A device node: {@code path} in the container, {@code hostPath} when the host node lives elsewhere (CDI 0.5.0),
     * {@code type} and numbers, and the cgroup {@code permissions}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"path", "hostPath", "type", "major", "minor", "fileMode", "permissions"})
    public record DeviceNode(String path, String hostPath, String type, Long major, Long minor, Integer fileMode, String permissions) {
    }

    /** A bind mount of {@code hostPath} at {@code containerPath}; the bind is in the options, so no {@code type} is needed. */
    @JsonPropertyOrder({"hostPath", "containerPath", "options"})
    public record MountEdit(String hostPath, String containerPath, List<String> options) {
    }

    /** An OCI hook with its CDI {@code hookName} (e.g. {@code createRuntime}). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"hookName", "path", "args", "env", "timeout"})
    public record Hook(String hookName, String path, List<String> args, List<String> env, Integer timeout) {
    }
}

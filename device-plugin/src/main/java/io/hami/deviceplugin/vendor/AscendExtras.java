package io.hami.deviceplugin.vendor;

import io.hami.deviceplugin.allocate.ContainerShare;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.annotation.AscendRuntimeInfoCodec;
import io.hami.model.device.AscendRuntimeInfo;
import io.hami.model.protocol.AscendAnnotations;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.Mount;
import io.hami.model.wire.WireFormatException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an Ascend container gets besides its chips, as HAMi's Ascend plugin hands it (docs/vendors.md, "Device
 * plugins"), read from the pod's runtime annotation {@code huawei.com/<commonWord>}:
 * <ul>
 *   <li>hard split (the default): {@code ASCEND_VNPU_SPECS} = the vNPU template of the first device that names one,
 *       for Ascend's container runtime to create;</li>
 *   <li>soft split ({@code huawei.com/vnpu-mode: hami-core}): the driver's tools and libraries read-only, the
 *       soft-split library and its {@code ld.so.preload}, the node's shared region and the container's own directory
 *       ({@code <hook path>/containers/<uid>_<container>}, made empty first), and {@code NPU_MEM_QUOTA} (MiB),
 *       {@code NPU_PRIORITY} (AI cores), {@code NPU_GLOBAL_SHM_PATH}, {@code NPU_LOCAL_SHM_PATH}.</li>
 * </ul>
 * A pod without a readable runtime annotation, or whose annotation lacks a device of the share, cannot be allocated:
 * one clear error names the annotation.
 *
 * @param commonWord the chip's common word, naming the runtime annotation
 * @param templates  the vNPU templates the chip offers ({@code vnpus}); a template outside them cannot be created
 * @param hookPath   the host directory of the soft-split library and the containers' directories
 */
record AscendExtras(String commonWord, Set<String> templates, Path hookPath) implements DeviceNodeEnvironment.Extras {

    /** The node's shared region of soft split, on the host and in the container. */
    static final String SHARED_REGION_HOST = "/usr/local/hami-shared-region";
    static final String SHARED_REGION = "/hami-shared-region";
    /** Where the soft-split library directory and the container's own directory appear in the container. */
    static final String LIBRARY = "/hami-vnpu-core";
    static final String CONTAINER_DIR = "/hami-vnpu-shmem";
    /** The driver's files a soft-split container reads, at the same paths as on the host. */
    static final List<Mount> DRIVER = List.of(
            new Mount("/usr/local/bin/npu-smi", "/usr/local/bin/npu-smi", Mount.Kind.FILE, true),
            new Mount("/etc/ascend_install.info", "/etc/ascend_install.info", Mount.Kind.FILE, true),
            new Mount("/usr/local/Ascend/driver/lib64/driver", "/usr/local/Ascend/driver/lib64/driver", Mount.Kind.DIRECTORY, true),
            new Mount("/usr/local/Ascend/driver/version.info", "/usr/local/Ascend/driver/version.info", Mount.Kind.FILE, true));

    AscendExtras {
        Objects.requireNonNull(commonWord, "commonWord");
        templates = Set.copyOf(templates);
        Objects.requireNonNull(hookPath, "hookPath");
    }

    @Override
    public void add(ContainerShare share, List<PhysicalDevice> devices, Map<String, String> env, List<Mount> mounts) {
        var infos = infos(share);
        var first = infos.get(share.devices().devices().getFirst().uuid());
        if (!AscendAnnotations.softSplit(share.podAnnotations())) {
            share.devices().devices().stream().map(d -> infos.get(d.uuid()).template()).filter(t -> !t.isEmpty())
                    .findFirst().ifPresent(template -> env.put("ASCEND_VNPU_SPECS", template));
            return;
        }
        mounts.addAll(DRIVER);
        mounts.add(new Mount(LIBRARY, hookPath.toString(), Mount.Kind.DIRECTORY, true));
        mounts.add(new Mount("/etc/ld.so.preload", hookPath.resolve("ld.so.preload").toString(), Mount.Kind.FILE, true));
        mounts.add(new Mount(SHARED_REGION, SHARED_REGION_HOST, Mount.Kind.DIRECTORY, false));
        mounts.add(new Mount(CONTAINER_DIR, ContainerDirectories.of(hookPath, share.id()).toString(), Mount.Kind.DIRECTORY, false));
        if (first.memory() > 0) {
            env.put("NPU_MEM_QUOTA", Long.toString(first.memory()));
        }
        if (first.core() > 0) {
            env.put("NPU_PRIORITY", Integer.toString(first.core()));
        }
        env.put("NPU_GLOBAL_SHM_PATH", SHARED_REGION + "/" + DeviceNodeEnvironment.minor(devices.getFirst()) + "_global_registry");
        env.put("NPU_LOCAL_SHM_PATH", CONTAINER_DIR + "/vnpu_local_shmem");
    }

    @Override
    public Optional<Path> directoryRoot(ContainerShare share) {
        return AscendAnnotations.softSplit(share.podAnnotations()) ? Optional.of(hookPath) : Optional.empty();
    }

    /** The runtime annotation's entry of each device, by UUID, checked to cover the share. */
    private Map<String, AscendRuntimeInfo> infos(ContainerShare share) {
        var key = AscendAnnotations.runtimeInfo(commonWord);
        var value = share.podAnnotations().get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("has no " + key + " annotation, which names what to create on each chip");
        }
        Map<String, AscendRuntimeInfo> byUuid = new HashMap<>();
        try {
            AscendRuntimeInfoCodec.INSTANCE.decode(value).devices().forEach(i -> byUuid.putIfAbsent(i.uuid(), i));
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        for (var d : share.devices().devices()) {
            var info = byUuid.get(d.uuid());
            if (info == null) {
                throw new IllegalArgumentException(key + " names no entry for chip " + d.uuid());
            }
            if (!info.template().isEmpty() && !templates.contains(info.template())) {
                throw new IllegalArgumentException(key + " asks chip " + d.uuid() + " for template " + info.template()
                        + ", which " + commonWord + " does not offer " + templates.stream().sorted().toList());
            }
        }
        return byUuid;
    }
}

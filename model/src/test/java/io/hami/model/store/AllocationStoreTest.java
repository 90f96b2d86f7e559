package io.hami.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.protocol.HamiCoreOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocationStoreTest {
    private static final String UID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final HamiCoreOptions CORE = new HamiCoreOptions(true, Optional.of(1), false);
    private static final ContainerDevices ONE = ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 3000, 30));

    @TempDir
    Path vgpu;

    private static PodAllocation twoContainers() {
        var containers = new LinkedHashMap<String, ContainerDevices>();
        containers.put("init", ContainerDevices.of(new ContainerDevice("GPU-b", "NVIDIA", 1000, 0)));
        containers.put("cuda", ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 3000, 30),
                new ContainerDevice("GPU-b", "NVIDIA", 2000, 30)));
        return new PodAllocation("default", "train-0", UID, containers, CORE);
    }

    @Test
    void readsBackWhatItWroteForEachContainerOfThePod() throws IOException {
        var store = AllocationStore.under(vgpu);
        store.write(twoContainers());

        var read = store.read(UID).orElseThrow();
        assertThat(read).isEqualTo(twoContainers());
        assertThat(read.devicesOf("cuda").orElseThrow().devices()).hasSize(2);
        assertThat(read.devicesOf("sidecar")).isEmpty();
        assertThat(store.uids()).containsExactly(UID);
        assertThat(Files.getPosixFilePermissions(store.fileOf(UID))).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void writesTheDocumentedFormat() {
        var pod = new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), CORE);
        assertThat(new String(AllocationRecordCodec.encode(pod), StandardCharsets.UTF_8)).isEqualTo(
                "{\"version\":2,\"namespace\":\"default\",\"name\":\"train-0\",\"uid\":\"" + UID
                        + "\",\"containers\":{\"cuda\":\"GPU-a,NVIDIA,3000,30:;\"},"
                        + "\"hamiCore\":{\"oversubscribe\":true,\"libCudaLogLevel\":1,\"disableCoreLimit\":false}}");
    }

    @Test
    void carriesTheWritingPluginsHamiCoreOptionsWithAndWithoutALogLevel() throws IOException {
        var store = AllocationStore.under(vgpu);
        for (var core : java.util.List.of(new HamiCoreOptions(false, Optional.empty(), true),
                new HamiCoreOptions(true, Optional.of(4), false))) {
            var pod = new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), core);
            store.write(pod);
            assertThat(store.read(UID).orElseThrow().hamiCore()).isEqualTo(core);
        }
    }

    @Test
    void refusesAVersion1RecordAsWrittenByAnOlderPluginWithoutHamiCoreSettings() throws IOException {
        var store = AllocationStore.under(vgpu);
        Files.createDirectories(store.directory());
        var file = store.fileOf(UID);
        Files.writeString(file, "{\"version\":1,\"namespace\":\"default\",\"name\":\"train-0\",\"uid\":\"" + UID
                + "\",\"containers\":{\"cuda\":\"GPU-a,NVIDIA,3000,30:;\"}}");

        assertThatThrownBy(() -> store.read(UID)).isInstanceOf(UntrustedInputException.class)
                .hasMessage(file + ": damaged allocation record: written in format version 1, which records no HAMi-core"
                        + " settings (an older device plugin wrote it; a plugin of version 2 rewrites it)");
    }

    @Test
    void aPodWithoutRecordIsEmptyAndARemovedRecordIsGone() throws IOException {
        var store = AllocationStore.under(vgpu);
        assertThat(store.read(UID)).isEmpty();
        assertThat(store.uids()).isEmpty();
        store.write(new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), CORE));
        assertThat(store.remove(UID)).isTrue();
        assertThat(store.read(UID)).isEmpty();
        assertThat(store.remove(UID)).isFalse();
    }

    @Test
    void aRewriteReplacesTheRecordAndLeavesNoTemporaryFile() throws IOException {
        var store = AllocationStore.under(vgpu);
        store.write(new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), CORE));
        store.write(twoContainers());
        assertThat(store.read(UID)).contains(twoContainers());
        try (var files = Files.list(store.directory())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(UID + ".json");
        }
    }

    @Test
    void refusesADamagedFileWithOneLineNamingTheFile() throws IOException {
        var store = AllocationStore.under(vgpu);
        store.write(new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), CORE));
        var file = store.fileOf(UID);
        var whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> store.read(UID)).isInstanceOf(UntrustedInputException.class)
                .hasMessageStartingWith(file + ": damaged allocation record: not JSON");
    }

    @Test
    void refusesAFileOfANewerFormatVersionSayingSo() throws IOException {
        var store = AllocationStore.under(vgpu);
        store.write(new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), CORE));
        var file = store.fileOf(UID);
        Files.writeString(file, Files.readString(file).replace("\"version\":2", "\"version\":3"));

        assertThatThrownBy(() -> store.read(UID)).isInstanceOf(UntrustedInputException.class)
                .hasMessage(file + ": written in format version 3, newer than this reader's 2 (a newer hami wrote it;"
                        + " upgrade this one)");
    }

    @Test
    void refusesRecordsThatAreWholeJsonButWrong() throws IOException {
        var store = AllocationStore.under(vgpu);
        Files.createDirectories(store.directory());
        var file = store.fileOf(UID);
        var other = "1f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        var base = "{\"version\":2,\"namespace\":\"default\",\"name\":\"p\",\"uid\":\"" + UID + "\",\"containers\":";
        var core = ",\"hamiCore\":{\"oversubscribe\":false,\"disableCoreLimit\":false}}";
        Map<String, String> cases = Map.ofEntries(
                Map.entry("[]", "not a JSON object"),
                Map.entry("{\"namespace\":\"default\"}", "version: expected a positive integer, got null"),
                Map.entry(base + "{\"cuda\":\"GPU-a,NVIDIA,x,30:;\"}" + core, "containers.cuda: "),
                Map.entry(base + "{\"cuda\":\"GPU-a,NVIDIA,1,30:;GPU-b,NVIDIA,1,30:;\"}" + core, "containers.cuda: expected one entry, got 2"),
                Map.entry(base + "{\"cuda\":\";\"}" + core, "an entry without devices"),
                Map.entry(base + "{\"Bad_Name\":\"GPU-a,NVIDIA,1,30:;\"}" + core, "containerName: not an RFC 1123 label"),
                Map.entry(base + "{}, \"extra\":1" + core, "unknown field \"extra\""),
                Map.entry(base.replace(UID, other) + "{}" + core, "it is for pod uid " + other),
                Map.entry(base + "{}}", "hamiCore: expected an object"),
                Map.entry(base + "{},\"hamiCore\":{\"oversubscribe\":\"true\",\"disableCoreLimit\":false}}",
                        "hamiCore.oversubscribe: expected true or false, got \"true\""),
                Map.entry(base + "{},\"hamiCore\":{\"oversubscribe\":false}}",
                        "hamiCore.disableCoreLimit: expected true or false, got null"),
                Map.entry(base + "{},\"hamiCore\":{\"oversubscribe\":false,\"disableCoreLimit\":false,\"libCudaLogLevel\":7}}",
                        "hamiCore.libCudaLogLevel: must lie in 0..4: 7"),
                Map.entry(base + "{},\"hamiCore\":{\"oversubscribe\":false,\"disableCoreLimit\":false,\"libCudaLogLevel\":\"1\"}}",
                        "hamiCore.libCudaLogLevel: expected an integer, got \"1\""),
                Map.entry(base + "{},\"hamiCore\":{\"oversubscribe\":false,\"disableCoreLimit\":false,\"policy\":1}}",
                        "unknown field \"hamiCore.policy\""));
        for (var c : cases.entrySet()) {
            Files.writeString(file, c.getKey());
            assertThatThrownBy(() -> store.read(UID)).as(c.getKey()).isInstanceOf(UntrustedInputException.class)
                    .hasMessageStartingWith(file + ": damaged allocation record: ").hasMessageContaining(c.getValue());
        }
    }

    @Test
    void refusesALinkInPlaceOfARecord() throws IOException {
        var store = AllocationStore.under(vgpu);
        Files.createDirectories(store.directory());
        var target = Files.writeString(vgpu.resolve("elsewhere.json"), "{}");
        Files.createSymbolicLink(store.fileOf(UID), target);
        assertThatThrownBy(() -> store.read(UID)).isInstanceOf(UntrustedInputException.class)
                .hasMessageStartingWith(store.fileOf(UID).toString());
    }

    @Test
    void listsOnlyFilesNamedByAPodUid() throws IOException {
        var store = AllocationStore.under(vgpu);
        store.write(new PodAllocation("default", "train-0", UID, Map.of("cuda", ONE), CORE));
        Files.writeString(store.directory().resolve("notes.json"), "x");
        Files.writeString(store.directory().resolve("." + UID + ".json.1234.tmp"), "x");
        assertThat(store.uids()).containsExactly(UID);
    }
}

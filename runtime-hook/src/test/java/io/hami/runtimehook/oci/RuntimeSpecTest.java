package io.hami.runtimehook.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hami.runtimehook.HookException;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeSpecTest {
    private static final JsonMapper PLAIN = new JsonMapper();

    /** A config with what the model does not name: later-spec members, unicode, nested nulls, a uint64 above Long.MAX_VALUE. */
    static String richConfig() {
        var config = OciBundles.config(List.of("sh", "-c", "true"), List.of("A=1"), java.util.Map.of("k", "v"));
        var linux = config.withObject("/linux");
        linux.withObject("/resources").putObject("memory").put("limit", new java.math.BigInteger("18446744073709551615"))
                .put("swappiness", 0).putNull("kernel");
        linux.putObject("seccomp").put("defaultAction", "SCMP_ACT_ERRNO").putArray("architectures").add("SCMP_ARCH_X86_64");
        linux.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        config.putObject("vm").putObject("hypervisor").put("path", "/usr/bin/qemu");
        config.putObject("x-unknown").put("text", "grüße ✓ \u0001").putNull("nothing").put("ratio", new java.math.BigDecimal("1.50"));
        config.putNull("hooks");
        config.withObject("/process").put("apparmorProfile", "runtime/default").put("oomScoreAdj", -998);
        return config.toString();
    }

    @Test
    void aRoundTripKeepsEveryMemberNullNumberAndOrder() throws Exception {
        var text = richConfig();
        var spec = RuntimeSpec.read(text.getBytes(StandardCharsets.UTF_8), "config.json");
        var written = new String(spec.toJson(), StandardCharsets.UTF_8);
        assertThat(PLAIN.readTree(written)).isEqualTo(PLAIN.readTree(text));
        assertThat(written).isEqualTo(text);
    }

    @Test
    void ofDuplicateVariablesTheFirstCountsAsGetenvFindsIt() throws Exception {
        var json = "{\"ociVersion\":\"1.0.2\",\"process\":{\"env\":[\"CUDA_DEVICE_MEMORY_LIMIT_0=1000m\","
                + "\"CUDA_DEVICE_MEMORY_LIMIT_0=80000m\",\"FLAG\"]}}";
        var spec = RuntimeSpec.read(json.getBytes(StandardCharsets.UTF_8), "config.json");
        assertThat(spec.env()).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "1000m").containsEntry("FLAG", "");
    }

    @Test
    void viewsReadTheNamedMembers() throws Exception {
        var spec = RuntimeSpec.read(richConfig().getBytes(StandardCharsets.UTF_8), "config.json");
        assertThat(spec.ociVersion()).isEqualTo("1.0.2");
        assertThat(spec.env()).containsEntry("A", "1").containsKey("PATH");
        assertThat(spec.process().orElseThrow().args()).containsExactly("sh", "-c", "true");
        assertThat(spec.annotations()).containsExactly(java.util.Map.entry("k", "v"));
        assertThat(spec.mounts()).extracting(OciMount::destination).contains("/proc", "/dev", "/sys");
        assertThat(spec.hooks()).isEmpty();
        assertThat(spec.linux().orElseThrow().resources().orElseThrow().devices()).hasSize(1);
    }

    @Test
    void editsAppendInTheSpecsOrderAndKeepTheRest() throws Exception {
        var spec = RuntimeSpec.read(richConfig().getBytes(StandardCharsets.UTF_8), "config.json");
        spec.linuxOrCreate().addDevice(new LinuxDevice("/dev/nvidia0", "c", 195, 0, 0666, 0, 0));
        spec.linuxOrCreate().resourcesOrCreate().addDevice(new DeviceCgroupRule(true, "c", 195, 0, "rwm"));
        spec.addMount(new OciMount("/usr/local/vgpu", "bind", "/host", List.of("rbind", "rw")));
        spec.hooksOrCreate().addCreateRuntime(new OciHook("/bin/hami", List.of("hami", "hook", "createRuntime"), List.of(), 5));
        spec.process().orElseThrow().addEnv("B", "2");
        var tree = PLAIN.readTree(spec.toJson());
        assertThat(tree.at("/linux/devices/0").toString())
                .isEqualTo("{\"path\":\"/dev/nvidia0\",\"type\":\"c\",\"major\":195,\"minor\":0,\"fileMode\":438,\"uid\":0,\"gid\":0}");
        assertThat(tree.at("/linux/resources/devices/1").toString())
                .isEqualTo("{\"allow\":true,\"type\":\"c\",\"major\":195,\"minor\":0,\"access\":\"rwm\"}");
        assertThat(tree.at("/hooks/createRuntime/0/args/2").asText()).isEqualTo("createRuntime");
        assertThat(tree.at("/linux/resources/memory/limit").bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(new String(spec.toJson(), StandardCharsets.UTF_8)).contains("\"ratio\":1.50");
        assertThat(spec.env()).containsEntry("B", "2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON              | {\"ociVersion\": | config.json: not valid JSON at line 1",
        "trailing tokens       | {} {}             | config.json: not valid JSON",
        "comments              | {/*x*/}           | config.json: not valid JSON",
        "duplicate key         | {\"a\":1,\"a\":2} | config.json: not valid JSON at line 1, column 8: duplicate member \"a\"",
        "array root            | []                | config.json: expected a JSON object, found ARRAY",
        "null root             | null              | config.json: expected a JSON object, found NULL",
        "empty                 | ''                | config.json: expected a JSON object, found nothing",
        "env not strings       | {\"process\":{\"env\":[1]}} | config.json: /process/env: expected an array of strings",
        "mounts not array      | {\"mounts\":{}}   | config.json: /mounts: expected an array of objects",
        "device major text     | {\"linux\":{\"devices\":[{\"major\":\"195\"}]}} | config.json: /linux/devices/0/major: expected an integer",
        "device major too big  | {\"linux\":{\"devices\":[{\"major\":18446744073709551615}]}} | /linux/devices/0/major: expected an integer",
        "annotation not string | {\"annotations\":{\"a\":1}} | config.json: /annotations/a: expected a string",
        "hook timeout text     | {\"hooks\":{\"createRuntime\":[{\"timeout\":\"5\"}]}} | /hooks/createRuntime/0/timeout: expected an integer",
        "cgroup allow text     | {\"linux\":{\"resources\":{\"devices\":[{\"allow\":\"yes\"}]}}} | /linux/resources/devices/0/allow: expected true or false",
    })
    void rejectsDocumentsThatAreNotRuntimeSpecsWithOneLine(String name, String json, String message) {
        assertThatThrownBy(() -> RuntimeSpec.read(json.getBytes(StandardCharsets.UTF_8), "config.json"))
                .isInstanceOf(HookException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void rejectsDeepNestingAndHugeDocuments() {
        var deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertThatThrownBy(() -> RuntimeSpec.read(deep.getBytes(StandardCharsets.UTF_8), "config.json"))
                .isInstanceOf(HookException.class).hasMessageContaining("nesting");
        var huge = new byte[OciJson.MAX_BYTES + 1];
        assertThatThrownBy(() -> RuntimeSpec.read(huge, "config.json")).hasMessage("config.json: larger than 4194304 bytes");
    }

    @Test
    void containerStateOfRuncAndCrunBothRead() throws Exception {
        var runc = "{\"ociVersion\":\"1.0.2-dev\",\"id\":\"c1\",\"status\":\"creating\",\"pid\":22417,\"bundle\":\"/b\",\"annotations\":{}}";
        var crun = "{\"ociVersion\":\"1.0.0\",\"id\":\"c1\",\"pid\":0,\"root\":\"rootfs\",\"bundle\":\"/b\",\"status\":\"created\"}";
        for (var json : List.of(runc, crun)) {
            var state = ContainerState.read(json.getBytes(StandardCharsets.UTF_8));
            assertThat(state.id()).contains("c1");
            assertThat(state.bundle()).contains("/b");
        }
        assertThatThrownBy(() -> ContainerState.read("{\"id\":5}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("container state: /id: expected a string");
    }
}

package io.hami.runtimehook.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The edit of containerd's config on sample files in the shapes of containerd 1.6, 1.7 and 2.x: golden outputs,
 * round trips to the original bytes, idempotence, and refusals of files we must not touch.
 */
class ContainerdConfigEditorTest {
    static final Path FILE = Path.of("/etc/containerd/config.toml");
    static final Path BINARY = Path.of("/usr/local/hami-java/bin/hami-runtime");

    static String sample(String name) {
        try (var in = ContainerdConfigEditorTest.class.getResourceAsStream("/containerd/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares with the golden file; {@code -Dhami.golden.update=true} rewrites it (then review the diff). */
    static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("hami.golden.update")) {
            Files.writeString(Path.of("src/test/resources/containerd").resolve(name), actual);
        }
        assertThat(actual).as(name).isEqualTo(sample(name));
    }

    private static ContainerdConfigEditor.Edit add(Optional<String> text, Optional<ContainerdSchema> declared)
            throws InstallException {
        return ContainerdConfigEditor.add(text, FILE, "hami", BINARY, "runc", declared);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v1.6-default.toml, 2", "v1.7-nvidia.toml, 2", "v2.x-default.toml, 3",
        "v2.x-no-runc-no-newline.toml, 3"})
    void addsTheHandlerAsGoldenAndRemovesItToTheOriginalBytes(String name, int version) throws Exception {
        String original = sample(name);
        var edit = add(Optional.of(original), Optional.empty());
        assertThat(edit.changed()).isTrue();
        assertThat(edit.schema().version()).isEqualTo(version);
        assertThat(edit.text()).startsWith(original);
        assertGolden(name.replace(".toml", ".installed.toml"), edit.text());

        var again = add(Optional.of(edit.text()), Optional.empty());
        assertThat(again.changed()).as("installing twice").isFalse();
        assertThat(again.text()).isEqualTo(edit.text());

        var removed = ContainerdConfigEditor.remove(edit.text(), FILE, "hami");
        assertThat(removed.changed()).isTrue();
        assertThat(removed.text()).isEqualTo(original);
    }

    @Test
    void copiesTheCgroupDriverAndSaysWhatTheTemplateRanInstead() throws Exception {
        var edit = add(Optional.of(sample("v1.7-nvidia.toml")), Optional.empty());
        assertThat(edit.text()).contains("  BinaryName = \"/usr/local/hami-java/bin/hami-runtime\"\n  SystemdCgroup = true\n");
        assertThat(edit.notes()).anySatisfy(n -> assertThat(n).contains("imports [\"/etc/containerd/conf.d/*.toml\"]"));
        var fromNvidia = ContainerdConfigEditor.add(Optional.of(sample("v1.7-nvidia.toml")), FILE, "hami", BINARY,
                "nvidia", Optional.empty());
        assertThat(fromNvidia.notes()).anySatisfy(n -> assertThat(n)
                .contains("runs /usr/bin/nvidia-container-runtime as its OCI runtime", "runtime = /usr/bin/nvidia-container-runtime"));
        assertThat(fromNvidia.text()).doesNotContain("BinaryName = \"/usr/bin/nvidia-container-runtime\"\n  SystemdCgroup");
    }

    @Test
    void aFileWithoutRuncGetsContainerdsDefaultsAndANote() throws Exception {
        var edit = add(Optional.of(sample("v2.x-no-runc-no-newline.toml")), Optional.empty());
        assertThat(edit.notes()).anySatisfy(n -> assertThat(n).contains("declares no runtime \"runc\"", "SystemdCgroup"));
    }

    @Test
    void aMissingFileIsWrittenForTheDeclaredSchemaAndRemovedToNothing() throws Exception {
        var edit = add(Optional.empty(), Optional.of(ContainerdSchema.V3));
        assertGolden("missing.v3.installed.toml", edit.text());
        assertThat(ContainerdConfigEditor.remove(edit.text(), FILE, "hami").text()).isEmpty();
    }

    @Test
    void aFileOfCommentsOnlyGetsTheVersionLineInsideTheBlock() throws Exception {
        String original = sample("comments-only.toml");
        var edit = add(Optional.of(original), Optional.of(ContainerdSchema.V2));
        assertGolden("comments-only.v2.installed.toml", edit.text());
        assertThat(ContainerdConfigEditor.remove(edit.text(), FILE, "hami").text()).isEqualTo(original);
    }

    @Test
    void refusesAnEmptyFileWithoutADeclaredSchema() {
        assertThatThrownBy(() -> add(Optional.of(sample("comments-only.toml")), Optional.empty()))
                .isInstanceOf(InstallException.class)
                .hasMessage("containerd config /etc/containerd/config.toml is empty, so its schema is unknown: pass "
                        + "--config-version 2 (containerd 1.6/1.7) or 3 (containerd 2.x)");
        assertThatThrownBy(() -> add(Optional.empty(), Optional.empty())).hasMessageContaining("is missing");
    }

    @Test
    void refusesADeclaredSchemaTheFileContradicts() {
        assertThatThrownBy(() -> add(Optional.of(sample("v2.x-default.toml")), Optional.of(ContainerdSchema.V2)))
                .hasMessage("containerd config /etc/containerd/config.toml is version 3 (containerd 2.x), but "
                        + "--config-version says 2");
    }

    @Test
    void refusesInvalidToml() {
        assertThatThrownBy(() -> add(Optional.of(sample("hostile-invalid.toml")), Optional.empty()))
                .isInstanceOf(InstallException.class)
                .hasMessageStartingWith("containerd config /etc/containerd/config.toml is not valid TOML: ")
                .hasMessageContaining("(line 3)");
    }

    @Test
    void refusesAHamiRuntimeItDidNotAdd() {
        assertThatThrownBy(() -> add(Optional.of(sample("hostile-hami-present.toml")), Optional.empty()))
                .hasMessage("containerd config /etc/containerd/config.toml already has a runtime \"hami\" that hami did "
                        + "not add ({\"runtime_type\":\"io.containerd.kata.v2\"}): remove it, or install under another "
                        + "--runtime-name");
    }

    @Test
    void refusesAnEditThatCannotStayATableAppendedAtTheEnd() {
        assertThatThrownBy(() -> add(Optional.of(sample("hostile-inline-runtimes.toml")), Optional.empty()))
                .hasMessageStartingWith("containerd config /etc/containerd/config.toml with the hami runtime added is "
                        + "not valid TOML");
    }

    @Test
    void refusesSchemaOne() {
        assertThatThrownBy(() -> add(Optional.of(sample("hostile-v1.toml")), Optional.empty()))
                .hasMessage("containerd config /etc/containerd/config.toml is schema version 1 (no version key), "
                        + "deprecated since containerd 1.5 and not read by containerd 2.x; migrate it to version 2 or 3 "
                        + "first (containerd config migrate)");
    }

    @Test
    void refusesDamagedMarkers() throws Exception {
        String installed = add(Optional.of(sample("v1.6-default.toml")), Optional.empty()).text();
        String damaged = installed.replace("# hami-java end: runtime handler \"hami\"\n", "");
        assertThatThrownBy(() -> ContainerdConfigEditor.remove(damaged, FILE, "hami"))
                .hasMessageContaining("the hami-java markers of runtime \"hami\" are damaged");
        assertThatThrownBy(() -> add(Optional.of(damaged), Optional.empty())).hasMessageContaining("damaged");
    }

    @Test
    void refusesToRemoveATableSomebodyPutBetweenTheMarkers() throws Exception {
        String installed = add(Optional.of(sample("v2.x-default.toml")), Optional.empty()).text();
        String edited = installed.replace("# hami-java end", "[debug]\n  level = 'debug'\n# hami-java end");
        assertThatThrownBy(() -> ContainerdConfigEditor.remove(edited, FILE, "hami"))
                .hasMessageContaining("the text between the hami-java markers holds more than runtime \"hami\"");
    }

    @Test
    void keepsWhatTheAdminAddedAfterTheBlock() throws Exception {
        String original = sample("v1.7-nvidia.toml");
        String installed = add(Optional.of(original), Optional.empty()).text();
        String later = installed + "\n[debug]\n  level = \"info\"\n";
        assertThat(ContainerdConfigEditor.remove(later, FILE, "hami").text())
                .isEqualTo(original + "\n[debug]\n  level = \"info\"\n");
    }

    @Test
    void removingFromAFileWithoutTheBlockChangesNothing() throws Exception {
        var edit = ContainerdConfigEditor.remove(sample("v1.6-default.toml"), FILE, "hami");
        assertThat(edit.changed()).isFalse();
        assertThat(edit.text()).isEqualTo(sample("v1.6-default.toml"));
    }

    @Test
    void anotherRuntimeNameIsAnotherBlock() throws Exception {
        String original = sample("v2.x-default.toml");
        String both = ContainerdConfigEditor.add(Optional.of(add(Optional.of(original), Optional.empty()).text()), FILE,
                "hami-dev", BINARY, "runc", Optional.empty()).text();
        String oneLeft = ContainerdConfigEditor.remove(both, FILE, "hami").text();
        assertThat(oneLeft).contains("runtimes.hami-dev]").doesNotContain("runtimes.hami]");
        assertThat(ContainerdConfigEditor.remove(oneLeft, FILE, "hami-dev").text()).isEqualTo(original);
    }
}

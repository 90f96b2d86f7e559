package io.hami.runtimehook.install;

import static io.hami.runtimehook.install.ContainerdConfigEditorTest.FILE;
import static io.hami.runtimehook.install.ContainerdConfigEditorTest.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What {@code hami doctor} reads of containerd's config: the handler, whose it is and its binary. */
class ContainerdRuntimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v1.6-default.installed.toml, 2", "v1.7-nvidia.installed.toml, 2", "v2.x-default.installed.toml, 3"})
    void findsTheHandlerTheInstallerAddedWithItsBinary(String name, int version) throws Exception {
        var declared = ContainerdRuntimes.find(sample(name), FILE, "hami").orElseThrow();
        assertThat(declared.ours()).isTrue();
        assertThat(declared.schema().version()).isEqualTo(version);
        assertThat(declared.binaryName()).contains(ContainerdConfigEditorTest.BINARY.toString());
    }

    @Test
    void findsNothingWhereTheInstallerHasNotRun() throws Exception {
        assertThat(ContainerdRuntimes.find(sample("v1.6-default.toml"), FILE, "hami")).isEmpty();
        assertThat(ContainerdRuntimes.find(sample("comments-only.toml"), FILE, "hami")).isEmpty();
    }

    @Test
    void tellsAHandlerOfTheSameNameThatTheInstallerDidNotAdd() throws Exception {
        var declared = ContainerdRuntimes.find(sample("hostile-hami-present.toml"), FILE, "hami").orElseThrow();
        assertThat(declared.ours()).isFalse();
    }

    @Test
    void findsRuncAsAnyOtherHandler() throws Exception {
        var runc = ContainerdRuntimes.find(sample("v1.6-default.toml"), FILE, "runc").orElseThrow();
        assertThat(runc.ours()).isFalse();
    }

    @Test
    void refusesSchemaOneAndInvalidToml() {
        assertThatThrownBy(() -> ContainerdRuntimes.find(sample("hostile-v1.toml"), FILE, "hami"))
                .isInstanceOf(InstallException.class).hasMessageContaining("schema version 1");
        assertThatThrownBy(() -> ContainerdRuntimes.find(sample("hostile-invalid.toml"), FILE, "hami"))
                .isInstanceOf(InstallException.class).hasMessageContaining("is not valid TOML");
    }
}

package io.hami.model.config;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

class DeviceConfigProperties {

    private static final String CHART = DeviceConfigCodecTest.chartYaml();
    private final DeviceConfigCodec codec = DeviceConfigCodec.INSTANCE;

    /** One edit of a YAML text: delete, insert or replace at a relative position. */
    record Edit(int kind, double at, int length, String text) {
        String apply(String yaml) {
            int pos = (int) (at * yaml.length());
            int end = Math.min(yaml.length(), pos + length);
            return switch (kind) {
                case 0 -> yaml.substring(0, pos) + yaml.substring(end);
                case 1 -> yaml.substring(0, pos) + text + yaml.substring(pos);
                default -> yaml.substring(0, pos) + text + yaml.substring(end);
            };
        }
    }

    @Test
    void mutatedChartFilesFailOnlyWithWireFormatException() {
        qt().withExamples(1500).forAll(edits()).checkAssert(edits -> {
            String yaml = CHART;
            for (Edit edit : edits) {
                yaml = edit.apply(yaml);
            }
            decodesOrRefuses(yaml);
        });
    }

    @Test
    void arbitraryTextFailsOnlyWithWireFormatException() {
        Gen<String> texts = Generate.oneOf(over("nvida: \n-[]{}&*!|>'\"#0123456789\t", 0, 60),
                strings().allPossible().ofLengthBetween(0, 60));
        qt().withExamples(500).forAll(texts).checkAssert(this::decodesOrRefuses);
    }

    @Test
    void everyValidConfigurationRoundTrips() {
        qt().withExamples(300).forAll(configs()).checkAssert(config -> {
            try {
                assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
            } catch (WireFormatException e) {
                throw new AssertionError(codec.encode(config), e);
            }
        });
    }

    private void decodesOrRefuses(String yaml) {
        try {
            DeviceConfig config = codec.decode(yaml);
            assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
        } catch (WireFormatException expected) {
            assertThat(expected.getMessage()).startsWith("device-config: ").doesNotContain("\n");
        }
    }

    private static Gen<String> over(String alphabet, int min, int max) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(min, max)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static Gen<List<Edit>> edits() {
        Gen<String> text = Generate.oneOf(
                over(" \t\n:-[]{}&*!|>'\"#%@`,?~0123456789.eE", 0, 6),
                Generate.pick(List.of("nvidia:", "  x: 1\n", "- ", "null", "-1", "1e400", "&a ", "*a", "!!binary ", "\t",
                        "\u0000", "\uD800", "? ", "---\n", "...")),
                strings().allPossible().ofLengthBetween(0, 4));
        Gen<Edit> edit = integers().between(0, 2).zip(doubles().between(0, 1), integers().between(0, 40), text, Edit::new);
        return lists().of(edit).ofSizeBetween(1, 4);
    }

    /** Names without whitespace, built from pieces YAML gives meaning to, to test the writer's quoting. */
    private static Gen<String> names() {
        Gen<String> piece = Generate.pick(List.of("true", "null", "~", "yes", "NO", "1", "1e3", "0x10", ".nan", "*a",
                "&b", "!t", "|", ">", "#c", "a:b", "[x]", "{y}", "'q'", "\"d\"", "@z", "%x", "-", "?", "=", "\\",
                "nvidia.com/gpu", "é", "日本", "0", "-1", "2.5"));
        return lists().of(piece).ofSizeBetween(1, 3).map(parts -> String.join("", parts));
    }

    private static Gen<NvidiaConfig> nvidias() {
        Gen<NvidiaConfig> named = names().zip(names(), integers().between(0, 100), integers().between(1, 1024),
                (count, mem, cores, factor) -> new NvidiaConfig(count, mem, "p", "c", "prio", false, 0, cores, 1, factor,
                        GpuCorePolicy.DEFAULT, "", List.of(new NvidiaConfig.MigAllowlistEntry(List.of(mem),
                        List.of("1g.5gb", "7g.40gb"))), false, factor, 1, 1, 0, 1, false));
        return named.zip(Generate.enumValues(GpuCorePolicy.class), doubles().between(0.01, 100),
                integers().between(0, 4), booleans().all(), (n, policy, scaling, log, flag) -> new NvidiaConfig(
                        n.resourceCountName(), n.resourceMemoryName(), "p", "c", "prio", flag, 0, n.defaultCores(), 1,
                        n.memoryFactor(), policy, flag ? "" : "nvidia", n.migProfileAllowlist(), !flag,
                        n.deviceSplitCount(), scaling, 1.5, 0, log, flag));
    }

    private static Gen<DeviceConfig> configs() {
        Gen<List<IluvatarConfig>> iluvatars = lists().of(names()).ofSizeBetween(0, 3).map(names -> names.stream()
                .distinct().map(n -> new IluvatarConfig(n, n, n + "/v", n + "/m", n + "/c")).toList());
        Gen<ResourceSection> kunlun = names().zip(names(), (count, memory) -> new ResourceSection(
                ResourceSection.Schema.KUNLUN, java.util.Map.of("resourceCountName", count + "/xpu",
                        "resourceVMemoryName", memory + "/vxpu-memory")));
        return optional(nvidias()).zip(iluvatars, optional(kunlun), booleans().all(), (n, ilu, r, vnpu) -> new DeviceConfig(
                n, Optional.of(CambriconConfig.defaults()), Optional.empty(), Optional.empty(), Optional.empty(), ilu,
                Optional.empty(), r, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), vnpu ? Optional.of(VnpuSection.defaults()) : Optional.empty()));
    }

    private static <T> Gen<Optional<T>> optional(Gen<T> gen) {
        return Generate.oneOf(Generate.constant(Optional.<T>empty()), gen.map((Function<T, Optional<T>>) Optional::of));
    }
}

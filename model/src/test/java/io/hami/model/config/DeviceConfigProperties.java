package io.hami.model.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.model.wire.WireFormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceConfigProperties {

    private static final String CHART = DeviceConfigCodecTest.chartYaml();
    private final DeviceConfigCodec codec = new DeviceConfigCodec();

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

    @Property(tries = 1500)
    void mutatedChartFilesFailOnlyWithWireFormatException(@ForAll("edits") List<Edit> edits) {
        String yaml = CHART;
        for (Edit edit : edits) {
            yaml = edit.apply(yaml);
        }
        decodesOrRefuses(yaml);
    }

    @Property(tries = 500)
    void arbitraryTextFailsOnlyWithWireFormatException(@ForAll("noise") String yaml) {
        decodesOrRefuses(yaml);
    }

    private void decodesOrRefuses(String yaml) {
        try {
            DeviceConfig config = codec.decode(yaml);
            assertThat(codec.decode(codec.encode(config))).isEqualTo(config);
        } catch (WireFormatException expected) {
            assertThat(expected.getMessage()).startsWith("device-config: ").doesNotContain("\n");
        }
    }

    @Property(tries = 300)
    void everyValidConfigurationRoundTrips(@ForAll("configs") DeviceConfig config) throws WireFormatException {
        String yaml = codec.encode(config);
        assertThat(codec.decode(yaml)).isEqualTo(config);
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().withChars(" \t\n:-[]{}&*!|>'\"#%@`,?~0123456789.eE").ofMaxLength(6),
                Arbitraries.of("nvidia:", "  x: 1\n", "- ", "null", "-1", "1e400", "&a ", "*a", "!!binary ", "\t", "\u0000",
                        "\uD800", "? ", "---\n", "..."),
                Arbitraries.strings().ofMaxLength(4));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 40), text).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("nvida: \n-[]{}&*!|>'\"#0123456789\t").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(60));
    }

    /** Names without whitespace, built from pieces YAML gives meaning to, to test the writer's quoting. */
    private static Arbitrary<String> names() {
        Arbitrary<String> piece = Arbitraries.of("true", "null", "~", "yes", "NO", "1", "1e3", "0x10", ".nan", "*a",
                "&b", "!t", "|", ">", "#c", "a:b", "[x]", "{y}", "'q'", "\"d\"", "@z", "%x", "-", "?", "=", "\\",
                "nvidia.com/gpu", "é", "日本", "0", "-1", "2.5");
        return piece.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<DeviceConfig> configs() {
        Arbitrary<NvidiaConfig> nvidia = Combinators.combine(names(), names(), Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(1, 1024), Arbitraries.of(GpuCorePolicy.class),
                Arbitraries.doubles().between(0.01, 100), Arbitraries.integers().between(0, 4),
                Arbitraries.of(true, false)).as((count, mem, cores, factor, policy, scaling, log, flag) ->
                new NvidiaConfig(count, mem, "p", "c", "prio", flag, 0, cores, 1, factor, policy, flag ? "" : "nvidia",
                        List.of(new NvidiaConfig.MigAllowlistEntry(List.of(mem), List.of("1g.5gb", "7g.40gb"))), !flag,
                        factor, scaling, 1.5, 0, log, flag));
        Arbitrary<IluvatarConfig> iluvatar = names().map(n -> new IluvatarConfig(n, n, n + "/v", n + "/m", n + "/c"));
        Arbitrary<ObjectNode> raw = Combinators.combine(names(), names(), Arbitraries.longs()).as((k, v, n) -> {
            ObjectNode tree = JsonNodeFactory.instance.objectNode().put(k + "k", v).put("n", n);
            tree.putArray("list").add(v).add(n).add(true).addNull();
            return tree;
        });
        return Combinators.combine(nvidia.optional(), iluvatar.list().ofMaxSize(3).uniqueElements(IluvatarConfig::chipName),
                raw.optional(), Arbitraries.of(true, false)).as((n, ilu, r, vnpu) -> new DeviceConfig(
                n, Optional.of(CambriconConfig.defaults()), Optional.empty(), Optional.empty(), Optional.empty(), ilu,
                Optional.empty(), r.map(RawSection::new), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), vnpu ? Optional.of(VnpuSection.defaults()) : Optional.empty()));
    }
}

package io.hami.runtimehook.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.testfixtures.oci.OciBundles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Any JSON a runtime extension may put into {@code config.json} survives the shim's read, edit and write unchanged. */
class OciRoundTripProperties {
    private static final JsonMapper PLAIN = new JsonMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private static JsonNode value(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(r.nextLong());
            case 3 -> F.numberNode(new BigInteger(70, new java.util.Random(r.nextLong())));
            case 4 -> F.numberNode(BigDecimal.valueOf(r.nextLong(), r.nextInt(6)));
            case 5 -> F.textNode(text(r));
            case 6 -> {
                var a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(value(r, depth + 1));
                }
                yield a;
            }
            default -> object(r, depth + 1);
        };
    }

    private static ObjectNode object(SplittableRandom r, int depth) {
        var o = F.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
            o.set("x-" + text(r), value(r, depth));
        }
        return o;
    }

    private static String text(SplittableRandom r) {
        var sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            sb.appendCodePoint(switch (r.nextInt(4)) {
                case 0 -> r.nextInt(0x20);
                case 1 -> 'a' + r.nextInt(26);
                case 2 -> 0x4e00 + r.nextInt(100);
                default -> 0x1f600 + r.nextInt(50);
            });
        }
        return sb.toString();
    }

    private static Gen<ObjectNode> configs() {
        return SourceDSL.longs().all().map(seed -> {
            var r = new SplittableRandom(seed);
            var config = OciBundles.config(List.of("sh"), List.of(), Map.of());
            config.setAll(object(r, 0));
            config.withObject("/linux").set("x-extension", object(r, 1));
            config.withObject("/process").set("x-extension", value(r, 1));
            if (r.nextBoolean()) {
                config.putNull("hooks");
            }
            return config;
        });
    }

    @Test
    void unknownMembersSurviveAnEditByteForByte() {
        qt().forAll(configs()).checkAssert(config -> {
            try {
                var text = config.toString();
                var spec = RuntimeSpec.read(text.getBytes(StandardCharsets.UTF_8), "config.json");
                assertThat(new String(spec.toJson(), StandardCharsets.UTF_8)).isEqualTo(text);
                spec.linuxOrCreate().addDevice(new LinuxDevice("/dev/nvidia0", "c", 195, 0, 0666, 0, 0));
                var edited = (ObjectNode) PLAIN.readTree(spec.toJson());
                ((ObjectNode) edited.get("linux")).remove("devices");
                var original = (ObjectNode) PLAIN.readTree(text);
                ((ObjectNode) original.get("linux")).remove("devices");
                assertThat(edited).isEqualTo(original);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}

package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.device.NodeScores;
import io.hami.model.device.PairScore;
import io.hami.model.wire.WireCodec;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hami.io/node-nvidia-score}: topology pair scores, a JSON array such as
 * {@code [{"uuid":"GPU-0","score":{"GPU-1":50,"GPU-2":20}}]}.
 *
 * <p><b>Decoding</b> follows Go's {@code json.Unmarshal} into HAMi's {@code []DevicePairScore}: keys {@code uuid} and
 * {@code score} match case-insensitively, unknown keys are ignored, {@code null} for the whole value is an empty list,
 * a {@code null} entry is an entry with no UUID and no scores, a {@code null} score inside the map is 0, and a second
 * {@code score} object adds to the first. Scores are Go {@code int}s, held to 32 bits here. An empty list is valid.
 *
 * <p><b>Encoding</b> is Go's: compact, {@code uuid} left out when empty, {@code score} left out when it has no entry,
 * map keys sorted by their UTF-8 bytes, HTML-safe escaping.
 */
public final class NodeScoreCodec implements WireCodec<NodeScores> {

    /** The codec; it is stateless. */
    public static final NodeScoreCodec INSTANCE = new NodeScoreCodec();

    static final String FORMAT = "node-score";
    private static final String[] FIELDS = {"uuid", "score"};

    private NodeScoreCodec() {
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Class<NodeScores> valueType() {
        return NodeScores.class;
    }

    @Override
    public NodeScores decode(String wire) throws WireFormatException {
        var json = GoJson.open(FORMAT, wire);
        var pairs = new ArrayList<PairScore>();
        if (json.token() == JsonToken.START_ARRAY) {
            json.array("", (i, path) -> pairs.add(pair(json, path)));
        } else if (!json.isNull()) {
            throw json.expected("value", "an array of pair scores");
        }
        return new NodeScores(pairs);
    }

    private static PairScore pair(GoJson json, String path) throws WireFormatException {
        var p = new Object() {
            String uuid = "";
            Map<String, Integer> scores;
        };
        if (json.isNull()) {
            return new PairScore(p.uuid, Map.of());
        }
        if (json.token() != JsonToken.START_OBJECT) {
            throw json.expected(path, "an object");
        }
        json.object(path, FIELDS, (field, key, at) -> {
            if (field < 0) {
                json.skip();
            } else if (field == 0) {
                if (!json.isNull()) {
                    p.uuid = json.string(at);
                }
            } else if (json.isNull()) {
                p.scores = null;
            } else {
                if (json.token() != JsonToken.START_OBJECT) {
                    throw json.expected(at, "an object of peer scores");
                }
                if (p.scores == null) {
                    p.scores = new LinkedHashMap<>();
                }
                json.object(at, new String[0], (none, peer, peerPath) -> p.scores.put(peer,
                        json.isNull() ? 0 : json.int32(at + "[" + WireFormatException.quote(peer) + "]")));
            }
        });
        return new PairScore(p.uuid, p.scores == null ? Map.of() : p.scores);
    }

    @Override
    public String encode(NodeScores value) {
        var out = new GoJsonWriter().beginArray();
        for (var pair : value.pairs()) {
            out.beginObject();
            if (!pair.uuid().isEmpty()) {
                out.name("uuid").value(pair.uuid());
            }
            if (!pair.scores().isEmpty()) {
                out.name("score").beginObject();
                pair.scores().forEach((peer, score) -> out.name(peer).value(score));
                out.endObject();
            }
            out.endObject();
        }
        return out.endArray().toString();
    }
}

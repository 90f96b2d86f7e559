package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.http.HttpFront;
import io.hami.scheduler.support.Harness;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The extender's routes as the HTTP front calls them: bodies read in place, candidate names in a kept list. */
class ExtenderRoutesTest {

    private final Harness harness = new Harness();
    private final Map<String, HttpFront.Handler> routes = ExtenderRoutes.of(harness.json, harness.filter,
            harness.binder);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void eachFilterCallAnswersWithItsOwnCandidatesOnly() throws Exception {
        harness.state.markSynced();
        assertThat(passedNames(filterBody("u1", "\"n1\",\"n2\",\"n3\""))).isEqualTo("[\"n1\",\"n2\",\"n3\"]");
        assertThat(passedNames(filterBody("u2", "\"n2\""))).as("the kept list emptied after the first call")
                .isEqualTo("[\"n2\"]");
        assertThat(passedNames(filterBody("u3", ""))).isEqualTo("[]");
    }

    @Test
    void aFilterBodyIsReadWithinItsLengthAtTheFrontOfTheBuffer() throws Exception {
        harness.state.markSynced();
        String body = filterBody("u1", "\"n1\"");
        byte[] buffer = (body + ",\"NodeNames\":[\"n9\"]} trailing").getBytes(StandardCharsets.UTF_8);
        byte[] answer = routes.get("/filter").handle(buffer, body.getBytes(StandardCharsets.UTF_8).length, false);
        assertThat(JsonMapper.builder().build().readTree(answer).get("NodeNames").toString()).isEqualTo("[\"n1\"]");
    }

    private String passedNames(String body) throws InterruptedException {
        byte[] answer = routes.get("/filter").handle(body.getBytes(StandardCharsets.UTF_8), false);
        var reply = JsonMapper.builder().build().readTree(answer);
        assertThat(reply.get("Error").stringValue()).isEmpty();
        return reply.get("NodeNames").toString();
    }

    /** A pod without devices (passed through with every candidate) and the candidates' JSON. */
    private static String filterBody(String uid, String names) {
        return "{\"Pod\":{\"metadata\":{\"name\":\"p-" + uid + "\",\"namespace\":\"default\",\"uid\":\"" + uid
                + "\"},\"spec\":{\"containers\":[{\"name\":\"main\"}]}},\"NodeNames\":[" + names + "]}";
    }
}

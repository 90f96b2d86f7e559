package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON shapes of k8s.io/kube-scheduler/extender/v1 (docs/scheduler.md, "Extender endpoints and JSON"). */
class ExtenderJsonTest {

    final ExtenderJson json = new ExtenderJson(new KubernetesSerialization());

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void readsGoFieldNamesInAnyCase() {
        var args = json.filterArgs(bytes("""
                {"pod":{"metadata":{"name":"p","namespace":"default"}},"NODENAMES":["a","b"],"nodes":null}"""));
        assertThat(args.pod().orElseThrow().getMetadata().getName()).isEqualTo("p");
        assertThat(args.nodeNames()).contains(List.of("a", "b"));
        assertThat(args.nodes()).isEmpty();
    }

    @Test
    void readsTemplateNodes() {
        var args = json.filterArgs(bytes("""
                {"Pod":{"metadata":{"name":"p"}},"Nodes":{"items":[{"metadata":{"name":"t1"}}]}}"""));
        assertThat(args.nodes().orElseThrow()).extracting(n -> n.getMetadata().getName()).containsExactly("t1");
        assertThat(args.nodeNames()).isEmpty();
    }

    @Test
    void missingPodIsEmpty() {
        assertThat(json.filterArgs(bytes("{}")).pod()).isEmpty();
        assertThat(json.filterArgs(bytes("{\"Pod\":null}")).pod()).isEmpty();
    }

    @Test
    void invalidJsonIsAnArgumentError() {
        assertThatThrownBy(() -> json.filterArgs(bytes("{\"Pod\":"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.filterArgs(bytes("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json.filterArgs(bytes("{\"NodeNames\":[1]}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesEveryFieldWithGoNames() {
        assertThat(text(json.write(ExtenderJson.FilterReply.names(List.of("n1"))))).isEqualTo(
                "{\"Nodes\":null,\"NodeNames\":[\"n1\"],\"FailedNodes\":null,\"FailedAndUnresolvableNodes\":null,"
                        + "\"Error\":\"\"}");
        assertThat(text(json.write(ExtenderJson.FilterReply.failed(Map.of("n2", "1/1 CardInsufficientMemory")))))
                .isEqualTo("{\"Nodes\":null,\"NodeNames\":null,\"FailedNodes\":{\"n2\":\"1/1 CardInsufficientMemory\"},"
                        + "\"FailedAndUnresolvableNodes\":null,\"Error\":\"\"}");
        assertThat(text(json.write(ExtenderJson.FilterReply.error("boom")))).endsWith("\"Error\":\"boom\"}");
    }

    @Test
    void writesChosenTemplateNodeAsANodeList() {
        var node = new NodeBuilder().withNewMetadata().withName("t1").endMetadata().build();
        String out = text(json.write(new ExtenderJson.FilterReply(Optional.of(List.of(node)), Optional.empty(),
                Optional.of(Map.of()), "")));
        assertThat(out).startsWith("{\"Nodes\":{\"metadata\":{},\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Node\","
                + "\"metadata\":{\"name\":\"t1\"}}]},\"NodeNames\":null,\"FailedNodes\":{}");
    }

    @Test
    void bindArgsAndReply() {
        var args = json.bindArgs(bytes("{\"PodName\":\"p\",\"podnamespace\":\"ns\",\"PodUID\":\"u\",\"Node\":\"n\"}"));
        assertThat(args).isEqualTo(new ExtenderJson.BindArgs("p", "ns", "u", "n"));
        assertThat(text(json.bindReply(""))).isEqualTo("{\"Error\":\"\"}");
    }

    @Test
    void bindArgsAreReadWithinTheirLengthInALongerBuffer() {
        String body = "{\"PodName\":\"p\",\"PodNamespace\":\"ns\",\"PodUID\":\"u\",\"Node\":\"n\"}";
        byte[] buffer = bytes(body + "\"Node\":\"other\"}");
        assertThat(json.bindArgs(buffer, bytes(body).length)).isEqualTo(new ExtenderJson.BindArgs("p", "ns", "u", "n"));
    }
}

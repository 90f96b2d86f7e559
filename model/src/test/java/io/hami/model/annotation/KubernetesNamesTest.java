package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "hami", "gpu-node-1", "a1-b2",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"})
    void dnsLabels(String name) {
        assertThat(KubernetesNames.isDnsLabel(name)).isTrue();
        assertThat(KubernetesNames.isDnsSubdomain(name)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"-a", "a-", "A", "a_b", "a.b", "a b", "é",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234"})
    void notDnsLabels(String name) {
        assertThat(KubernetesNames.isDnsLabel(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "web-0.svc", "x.y.z"})
    void subdomainsThatAreNotLabels(String name) {
        assertThat(KubernetesNames.isDnsSubdomain(name)).isTrue();
        assertThat(KubernetesNames.isDnsLabel(name)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".a", "a.", "a..b", "a.-b", "A.b", "a_b.c"})
    void notDnsSubdomains(String name) {
        assertThat(KubernetesNames.isDnsSubdomain(name)).isFalse();
    }

    @Test
    void subdomainsStopAt253Characters() {
        String label = "a".repeat(63);
        String longest = String.join(".", label, label, label, "a".repeat(61));
        assertThat(longest).hasSize(253);
        assertThat(KubernetesNames.isDnsSubdomain(longest)).isTrue();
        assertThat(KubernetesNames.isDnsSubdomain(longest + "a")).isFalse();
    }
}

package io.hami.model.annotation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoTextTest {

    @Test
    void trimSpaceRemovesGoWhiteSpaceOnly() {
        assertThat(GoText.trimSpace(" \t\n\u000b\f\r\u0085\u00a0x y\u2000\u3000\u202f")).isEqualTo("x y");
        assertThat(GoText.trimSpace("\u001cx\u200b")).isEqualTo("\u001cx\u200b");
        assertThat(GoText.trimSpace("   ")).isEmpty();
    }

    @Test
    void toUpperMapsOneCodePointToOne() {
        assertThat(GoText.toUpper("nvidia-a100 straße")).isEqualTo("NVIDIA-A100 STRAßE");
        assertThat(GoText.toUpper("\ud801\udc28")).isEqualTo("\ud801\udc00");
    }
}

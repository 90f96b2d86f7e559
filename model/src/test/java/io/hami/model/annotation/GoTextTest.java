package io.hami.model.annotation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

    @Test
    void parseInt64AcceptsGoSyntaxAndRange() {
        assertThat(GoText.parseInt64("+5")).isEqualTo(5);
        assertThat(GoText.parseInt64("-0")).isZero();
        assertThat(GoText.parseInt64("007")).isEqualTo(7);
        assertThat(GoText.parseInt64("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(GoText.parseInt64("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        for (String bad : new String[] {"", "+", "-", "9223372036854775808", "-9223372036854775809", "1_0", " 1",
            "\u0661", "0x10", "99999999999999999999"}) {
            assertThatExceptionOfType(NumberFormatException.class).as(bad).isThrownBy(() -> GoText.parseInt64(bad));
        }
    }
}

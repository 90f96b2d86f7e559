package io.hami.demo.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SvgCharts.niceStep(100)).isEqualTo(20);
        assertThat(SvgCharts.niceStep(7)).isEqualTo(2);
        assertThat(SvgCharts.niceStep(0.3)).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(SvgCharts.niceStep(0)).isEqualTo(1);
    }

    @Test
    void theSvgHasOneLineAndLegendEntryPerSeriesWithEscapedText() {
        var chart = new Chart("c", "a < b", "x", "y", List.of(
                new Chart.Series("binpack/spread", new double[] {0, 1, 2}, new double[] {0, 50, 100}),
                new Chart.Series("spread/spread", new double[] {0, 1, 2}, new double[] {10, 10, 10})));
        String svg = SvgCharts.svg(chart);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains(">a &lt; b</text>", ">binpack/spread</text>", ">spread/spread</text>");
    }
}

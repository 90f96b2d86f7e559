package io.hami.demo.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A line chart's data, drawn as PNG ({@link PngCharts}) and SVG ({@link SvgCharts}): one line per policy pair over the
 * simulation's window.
 *
 * @param file   the file name without extension
 * @param title  the title
 * @param xLabel the time axis' label
 * @param yLabel the value axis' label
 * @param series the lines
 */
public record Chart(String file, String title, String xLabel, String yLabel, List<Series> series) {

    /**
     * One line.
     *
     * @param name the legend's text
     * @param x    the times, in the x axis' unit
     * @param y    the values
     */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x and y differ in length: " + x.length + ", " + y.length);
            }
            x = x.clone();
            y = y.clone();
        }
    }

    public Chart {
        series = List.copyOf(series);
    }

    /** The report's charts: GPU memory allocated and pods waiting over time, one line per policy pair. */
    public static List<Chart> of(SimulationReport report) {
        long span = report.results().isEmpty() ? 0
                : report.results().getFirst().timeline().timesMillis()[report.results().getFirst().timeline()
                .timesMillis().length - 1];
        boolean hours = span >= 3 * 3_600_000L;
        double unit = hours ? 3_600_000.0 : 60_000.0;
        String xLabel = hours ? "hours since the first arrival" : "minutes since the first arrival";
        var memory = new ArrayList<Series>();
        var waiting = new ArrayList<Series>();
        for (PolicyResult r : report.results()) {
            var t = r.timeline();
            double[] x = new double[t.timesMillis().length];
            double[] mem = new double[x.length];
            double[] wait = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = t.timesMillis()[i] / unit;
                mem[i] = t.memoryUtilization()[i] * 100;
                wait[i] = t.waiting()[i];
            }
            memory.add(new Series(r.label(), x, mem));
            waiting.add(new Series(r.label(), x, wait));
        }
        return List.of(
                new Chart("memory", "GPU memory allocated (node/GPU policy)", xLabel, "% of the cluster's GPU memory",
                        memory),
                new Chart("waiting", "Pods waiting for devices (node/GPU policy)", xLabel, "pods", waiting));
    }
}

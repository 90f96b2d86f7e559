package io.hami.demo.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@link Chart}s as SVG: axes with rounded ticks, one polyline per series, a legend. Written by hand, without AWT, so
 * that it also works on a JRE without {@code java.desktop} (the image's); JFreeChart draws only through AWT.
 */
public final class SvgCharts {

    /** The lines' colours, also used by {@link PngCharts} so that both files agree. */
    private static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f");
    private static final int WIDTH = PngCharts.WIDTH;
    private static final int HEIGHT = PngCharts.HEIGHT;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 100;
    private static final int TICKS = 5;

    private SvgCharts() {
    }

    /** The colour of series {@code i}, as {@code #rrggbb}. */
    static String color(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /** Writes {@code chart} to {@code dir/<file>.svg} and returns the path. */
    public static Path write(Chart chart, Path dir) throws IOException {
        Path file = dir.resolve(chart.file() + ".svg");
        Files.writeString(file, svg(chart), StandardCharsets.UTF_8);
        return file;
    }

    /** The SVG document. */
    static String svg(Chart chart) {
        double xMax = 0;
        double yMax = 0;
        for (Chart.Series s : chart.series()) {
            for (int i = 0; i < s.x().length; i++) {
                xMax = Math.max(xMax, s.x()[i]);
                yMax = Math.max(yMax, s.y()[i]);
            }
        }
        double xStep = niceStep(xMax);
        double yStep = niceStep(yMax);
        double xTop = xStep * TICKS;
        double yTop = yStep * TICKS;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"25\" text-anchor=\"middle\" font-size=\"16\">%s</text>%n",
                WIDTH / 2, escape(chart.title())));
        for (int i = 0; i <= TICKS; i++) {
            double gx = LEFT + plotW * i / (double) TICKS;
            double gy = TOP + plotH - plotH * i / (double) TICKS;
            out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    gx, TOP, gx, TOP + plotH));
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, gy, LEFT + plotW, gy));
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    gx, TOP + plotH + 18, tick(xStep * i)));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, gy + 4, tick(yStep * i)));
        }
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", LEFT, TOP, plotW, plotH));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                LEFT + plotW / 2, TOP + plotH + 38, escape(chart.xLabel())));
        out.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 18 %d)\">%s</text>%n", TOP + plotH / 2, TOP + plotH / 2,
                escape(chart.yLabel())));
        for (int s = 0; s < chart.series().size(); s++) {
            Chart.Series series = chart.series().get(s);
            out.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(color(s)).append("\" points=\"");
            for (int i = 0; i < series.x().length; i++) {
                double px = LEFT + plotW * series.x()[i] / xTop;
                double py = TOP + plotH - plotH * series.y()[i] / yTop;
                out.append(String.format(Locale.ROOT, i == 0 ? "%.1f,%.1f" : " %.1f,%.1f", px, py));
            }
            out.append("\"/>\n");
            int lx = LEFT + (s % 4) * (plotW / 4);
            int ly = TOP + plotH + 62 + (s / 4) * 18;
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/>%n", lx, ly - 4, lx + 24, ly - 4, color(s)));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 30, ly,
                    escape(series.name())));
        }
        return out.append("</svg>\n").toString();
    }

    /** A step of 1, 2 or 5 times a power of ten such that {@value #TICKS} steps cover {@code max}. */
    static double niceStep(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String tick(double v) {
        return v == Math.rint(v) ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

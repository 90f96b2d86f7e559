package io.hami.demo.simulate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@link Chart}s as PNG, drawn by JFreeChart. Needs the JDK's {@code java.desktop} module (AWT), run headless.
 */
public final class PngCharts {

    /** The image size, in pixels. */
    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    private PngCharts() {
    }

    /** Writes {@code chart} to {@code dir/<file>.png} and returns the path. */
    public static Path write(Chart chart, Path dir) throws IOException {
        var data = new XYSeriesCollection();
        for (Chart.Series s : chart.series()) {
            var series = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                series.add(s.x()[i], s.y()[i]);
            }
            data.addSeries(series);
        }
        JFreeChart jfree = ChartFactory.createXYLineChart(chart.title(), chart.xLabel(), chart.yLabel(), data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = jfree.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        var renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < chart.series().size(); i++) {
            renderer.setSeriesPaint(i, Color.decode(SvgCharts.color(i)));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        plot.setRenderer(renderer);
        Path file = dir.resolve(chart.file() + ".png");
        ChartUtils.saveChartAsPNG(file.toFile(), jfree, WIDTH, HEIGHT);
        return file;
    }
}

// SPDX-License-Identifier: Apache-2.0
package dev.gatun.examples.harness;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a {@link ResultTable} as a bar chart of speed-ups (PNG, through JFreeChart, headless).
 */
public final class BarChart {

    private BarChart() {
    }

    /**
     * Writes the chart.
     *
     * @param table the measured table
     * @param file  the PNG file to write
     * @throws IOException if the file cannot be written
     */
    public static void write(ResultTable table, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Measurement m : table.measured()) {
            data.addValue(table.speedup(m), "speed-up", m.label());
        }
        JFreeChart chart = ChartFactory.createBarChart(
                "%s, %s".formatted(table.example(), table.problem()),
                "variant", "speed-up against " + table.baseline() + " (higher is faster)",
                data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setSeriesPaint(0, new Color(0x2b6cb0));
        int width = Math.max(640, 70 * table.measured().size() + 200);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, 560);
    }
}

package network.mmc.jobs.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.settlement.TimeText;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A run's charts (JFreeChart, drawn headless), each as a PNG for the downloads and as an SVG that scales: the HTML
 * report embeds the SVGs.
 */
final class RunCharts {

    static final int WIDTH = 800;
    static final int HEIGHT = 400;

    /** The names of the charts (their downloads are {@code report-<name>.png|svg}), in the order the report shows them. */
    static final List<String> NAMES = List.of("rewards", "lorenz", "credits", "probes", "emission");

    /**
     * One chart in both forms.
     *
     * @param name  what its downloads are called after: {@code report-<name>.png}, {@code report-<name>.svg}
     * @param title what the chart shows, in a few words (the HTML's alternative text)
     * @param svg   a standalone SVG document of {@link #WIDTH} × {@link #HEIGHT} with a view box, so it scales
     */
    record Chart(String name, String title, byte[] png, String svg) {

        static Chart of(String name, String title, JFreeChart chart) {
            return new Chart(name, title, RunCharts.png(chart), RunCharts.svg(name, chart));
        }
    }

    /** One chart alone, by its name: a download of one chart draws only that one. */
    static Chart one(String name, RunReport report) {
        return switch (name) {
            case "rewards" -> Chart.of(name, "Reward per node", rewardsChart(report));
            case "lorenz" -> Chart.of(name, "Lorenz curve of the rewards", lorenzChart(report));
            case "credits" -> Chart.of(name, "Credits and pool per window", creditsAndPoolChart(report));
            case "probes" -> Chart.of(name, "Probe outcomes per window", probesChart(report));
            case "emission" -> Chart.of(name, "Pool per window over the emission schedule", emissionChart(report));
            default -> throw new IllegalArgumentException("chart '" + name + "' is not one of " + NAMES);
        };
    }

    /** Every chart of one report, in the order the report shows them. */
    record Charts(Chart rewards, Chart lorenz, Chart creditsAndPool, Chart probes, Chart emission) {

        static Charts of(RunReport report) {
            return new Charts(one(NAMES.get(0), report), one(NAMES.get(1), report), one(NAMES.get(2), report),
                    one(NAMES.get(3), report), one(NAMES.get(4), report));
        }

        List<Chart> all() {
            return List.of(rewards, lorenz, creditsAndPool, probes, emission);
        }
    }

    static {
        // JFreeChart draws rotated labels (the probe chart's windows) as glyph outlines unless told that drawString
        // works rotated, which it has since Java 6: as text an SVG stays small, searchable and selectable
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private RunCharts() {
    }

    /** Each node's reward in MMC, largest first. */
    private static JFreeChart rewardsChart(RunReport report) {
        XYSeries rewards = new XYSeries("reward");
        List<Long> sorted = report.nodes().stream().map(NodeSettlementLine::reward)
                .sorted(Comparator.reverseOrder()).toList();
        for (int i = 0; i < sorted.size(); i++) {
            rewards.add(i + 1, BigDecimal.valueOf(sorted.get(i), 9));
        }
        JFreeChart chart = ChartFactory.createXYBarChart("Reward per node, largest first", "node (rank)", false,
                "reward (MMC)", new XYSeriesCollection(rewards), PlotOrientation.VERTICAL, false, false, false);
        return chart;
    }

    /** The Lorenz curve of the rewards beside the line of equal shares, with the top 10 %'s share in the title. */
    private static JFreeChart lorenzChart(RunReport report) {
        RewardConcentration concentration = report.concentration();
        XYSeries lorenz = new XYSeries("Lorenz curve");
        concentration.lorenz().forEach(p -> lorenz.add(p.nodes() * 100, p.rewards() * 100));
        XYSeries equal = new XYSeries("equal shares");
        equal.add(0, 0);
        equal.add(100, 100);
        XYSeriesCollection data = new XYSeriesCollection(lorenz);
        data.addSeries(equal);
        JFreeChart chart = ChartFactory.createXYLineChart(String.format("Rewards: the top %d node(s) hold %.1f %%",
                        concentration.topNodes(), concentration.topShare() * 100), "% of nodes (least paid first)",
                "% of rewards", data, PlotOrientation.VERTICAL, true, false, false);
        // one path of a point a node in the SVG, not a line element per node
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDrawSeriesLineAsPath(true);
        return chart;
    }

    /** Credits (left axis) and pool in MMC (right axis) of the windows up to the report's. */
    private static JFreeChart creditsAndPoolChart(RunReport report) {
        TimeSeries credits = new TimeSeries("credits");
        TimeSeries pool = new TimeSeries("pool (MMC)");
        for (WindowTotals window : report.history()) {
            credits.add(new Millisecond(Date.from(window.start())), window.credits());
            pool.add(new Millisecond(Date.from(window.start())), BigDecimal.valueOf(window.pool(), 9));
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Credits and pool per window", "window start (UTC)",
                "credits", new TimeSeriesCollection(credits), true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRangeAxis(1, new NumberAxis("pool (MMC)"));
        plot.setDataset(1, new TimeSeriesCollection(pool));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new XYLineAndShapeRenderer());
        return utc(chart);
    }

    /** How many probes of each outcome were called in each window up to the report's. */
    private static JFreeChart probesChart(RunReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (WindowTotals window : report.history()) {
            window.probes().forEach((status, count) -> data.addValue(count, status, TimeText.format(window.start())));
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Probe outcomes per window", "window start (UTC)",
                "probes", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart;
    }

    /** A window's pool over the emission schedule, one point a day, with the report's window marked. */
    private static JFreeChart emissionChart(RunReport report) {
        TimeSeries pool = new TimeSeries("pool (MMC)");
        EmissionPoints.of(report.parameters(), report.run().windowStart()).forEach(p ->
                pool.add(new Millisecond(Date.from(p.day())), BigDecimal.valueOf(p.pool(), 9)));
        JFreeChart chart = ChartFactory.createTimeSeriesChart("Pool per window over the emission schedule", "day (UTC)",
                "pool per window (MMC)", new TimeSeriesCollection(pool), false, false, false);
        ValueMarker window = new ValueMarker(report.run().windowStart().toEpochMilli(), Color.BLUE, new BasicStroke(2));
        window.setLabel("this window");
        window.setLabelOffset(new RectangleInsets(10, 10, 10, 10));
        chart.getXYPlot().addDomainMarker(window);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
        // one path of a point a day, not a line element per day, in the SVG
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDrawSeriesLineAsPath(true);
        return utc(chart);
    }

    private static JFreeChart utc(JFreeChart chart) {
        ((DateAxis) chart.getXYPlot().getDomainAxis()).setTimeZone(TimeZone.getTimeZone("UTC"));
        return chart;
    }

    private static String svg(String name, JFreeChart chart) {
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        // the ids of the clip paths and gradients: by default they hold the time they were drawn at; by the chart's
        // name they are the same in every rendering, and distinct between the charts of one page
        svg.setDefsKeyPrefix(name + "-");
        // a hundredth of a pixel is finer than any screen or print shows; full doubles would double the size
        svg.setGeomDoubleConverter(value -> Double.toString(Math.round(value * 100) / 100.0));
        chart.draw(svg, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + svg.getSVGElement(name, true, new ViewBox(0, 0, WIDTH, HEIGHT), null, null) + "\n";
    }

    private static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

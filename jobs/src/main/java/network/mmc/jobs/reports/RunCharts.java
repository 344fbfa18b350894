package network.mmc.jobs.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Function;
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
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A run's charts as PNG images (JFreeChart, drawn headless). */
final class RunCharts {

    static final int WIDTH = 800;
    static final int HEIGHT = 400;

    /** Each chart by the name of its download ({@code report-NAME.png}), in the order the report shows them. */
    static final Map<String, Function<RunReport, byte[]>> BY_NAME = orderedCharts();

    /** Every chart of one report, in the order the report shows them. */
    record Charts(byte[] rewards, byte[] lorenz, byte[] creditsAndPool, byte[] probes, byte[] emission) {

        static Charts of(RunReport report) {
            return new Charts(rewardsPng(report), lorenzPng(report), creditsAndPoolPng(report), probesPng(report),
                    emissionPng(report));
        }

        List<byte[]> inOrder() {
            return List.of(rewards, lorenz, creditsAndPool, probes, emission);
        }
    }

    private static Map<String, Function<RunReport, byte[]>> orderedCharts() {
        Map<String, Function<RunReport, byte[]>> charts = new LinkedHashMap<>();
        charts.put("rewards", RunCharts::rewardsPng);
        charts.put("lorenz", RunCharts::lorenzPng);
        charts.put("credits", RunCharts::creditsAndPoolPng);
        charts.put("probes", RunCharts::probesPng);
        charts.put("emission", RunCharts::emissionPng);
        return Collections.unmodifiableMap(charts);
    }

    private RunCharts() {
    }

    /** Each node's reward in MMC, largest first. */
    static byte[] rewardsPng(RunReport report) {
        XYSeries rewards = new XYSeries("reward");
        List<Long> sorted = report.nodes().stream().map(NodeSettlementLine::reward)
                .sorted(Comparator.reverseOrder()).toList();
        for (int i = 0; i < sorted.size(); i++) {
            rewards.add(i + 1, BigDecimal.valueOf(sorted.get(i), 9));
        }
        JFreeChart chart = ChartFactory.createXYBarChart("Reward per node, largest first", "node (rank)", false,
                "reward (MMC)", new XYSeriesCollection(rewards), PlotOrientation.VERTICAL, false, false, false);
        return png(chart);
    }

    /** The Lorenz curve of the rewards beside the line of equal shares, with the top 10 %'s share in the title. */
    static byte[] lorenzPng(RunReport report) {
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
        return png(chart);
    }

    /** Credits (left axis) and pool in MMC (right axis) of the windows up to the report's. */
    static byte[] creditsAndPoolPng(RunReport report) {
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
        return png(utc(chart));
    }

    /** How many probes of each outcome were called in each window up to the report's. */
    static byte[] probesPng(RunReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (WindowTotals window : report.history()) {
            window.probes().forEach((status, count) -> data.addValue(count, status, TimeText.format(window.start())));
        }
        JFreeChart chart = ChartFactory.createStackedBarChart("Probe outcomes per window", "window start (UTC)",
                "probes", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return png(chart);
    }

    /** A window's pool over the emission schedule, one point a day, with the report's window marked. */
    static byte[] emissionPng(RunReport report) {
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
        return png(utc(chart));
    }

    private static JFreeChart utc(JFreeChart chart) {
        ((DateAxis) chart.getXYPlot().getDomainAxis()).setTimeZone(TimeZone.getTimeZone("UTC"));
        return chart;
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

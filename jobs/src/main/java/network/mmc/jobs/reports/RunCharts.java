package network.mmc.jobs.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import network.mmc.jobs.settlement.NodeSettlementLine;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A run's charts as PNG images (JFreeChart, drawn headless). */
final class RunCharts {

    static final int WIDTH = 800;
    static final int HEIGHT = 400;

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

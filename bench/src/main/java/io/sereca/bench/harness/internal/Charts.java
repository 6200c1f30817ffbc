package io.sereca.bench.harness.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts of one comparison (XChart), one file per figure, named like the CSV files. Figs. 5
 * and 6 stack two panels (throughput above, response time or traffic below), as the paper's
 * figures carry two quantities.
 */
public final class Charts {

  private static final int WIDTH = 900;
  private static final int PANEL_HEIGHT = 380;

  private Charts() {}

  /** Writes the three PNG files into {@code dir}; returns their paths. */
  public static List<Path> write(ComparisonResult result, Path dir, boolean quick) throws IOException {
    Comparison c = result.comparison();
    String title = c.title() + (quick ? " [QUICK smoke run]" : "");
    List<String> names = ResultFiles.figureNames(c.key());
    List<Path> out = new ArrayList<>();

    XYChart throughput = pendingChart(title + ": throughput vs pending requests (1 KiB)", "requests/s");
    XYChart latency = pendingChart("mean response time vs pending requests (1 KiB)", "mean response time (µs)");
    for (Target t : List.of(c.baseline(), c.candidate())) {
      List<RunStats> runs = ComparisonResult.of(result.pendingSweep(), t);
      List<Double> x = new ArrayList<>();
      List<Double> tp = new ArrayList<>();
      List<Double> rt = new ArrayList<>();
      for (RunStats r : runs) {
        x.add((double) r.pending());
        tp.add(r.throughput());
        rt.add(r.meanMicros());
      }
      throughput.addSeries(c.label(t), x, tp).setMarker(SeriesMarkers.CIRCLE);
      latency.addSeries(c.label(t), x, rt).setMarker(SeriesMarkers.CIRCLE);
    }
    out.add(save(dir.resolve(names.get(0) + ".png"), PANEL_HEIGHT, throughput, latency));

    List<String> labels = new ArrayList<>();
    for (RunStats r : ComparisonResult.of(result.payloadSweep(), c.baseline())) {
      labels.add(Payloads.label(r.payload()));
    }
    CategoryChart tpBars = bars(title + ": throughput vs payload (" + result.bestPending() + " pending)",
        "requests/s");
    CategoryChart traffic = bars("payload traffic vs payload (both directions)", "MiB/s");
    // Response times span decades: a log axis, lines over the payload sizes (placed evenly).
    XYChart rtChart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT * 3 / 2)
        .title(title + ": response time vs payload (" + result.bestPending() + " pending)")
        .xAxisTitle("payload").yAxisTitle("response time (µs, log scale)").build();
    rtChart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW)
        .setChartBackgroundColor(Color.WHITE);
    rtChart.setCustomXAxisTickLabelsFormatter(x -> {
      int i = (int) Math.round(x);
      return Math.abs(x - i) < 1e-6 && i >= 0 && i < labels.size() ? labels.get(i) : "";
    });
    for (Target t : List.of(c.baseline(), c.candidate())) {
      List<RunStats> runs = ComparisonResult.of(result.payloadSweep(), t);
      List<Double> tp = new ArrayList<>();
      List<Double> mib = new ArrayList<>();
      List<Double> mean = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> index = new ArrayList<>();
      for (RunStats r : runs) {
        index.add((double) index.size());
        tp.add(r.throughput());
        mib.add(r.trafficMibPerSecond());
        mean.add(Math.max(r.meanMicros(), 0.1));
        p50.add(Math.max(r.p50Micros(), 0.1));
        p99.add(Math.max(r.p99Micros(), 0.1));
      }
      tpBars.addSeries(c.label(t), labels, tp);
      traffic.addSeries(c.label(t), labels, mib);
      rtChart.addSeries(c.label(t) + " mean", index, mean).setMarker(SeriesMarkers.CIRCLE);
      rtChart.addSeries(c.label(t) + " p50", index, p50).setMarker(SeriesMarkers.DIAMOND);
      rtChart.addSeries(c.label(t) + " p99", index, p99).setMarker(SeriesMarkers.TRIANGLE_UP);
    }
    out.add(save(dir.resolve(names.get(1) + ".png"), PANEL_HEIGHT, tpBars, traffic));
    out.add(save(dir.resolve(names.get(2) + ".png"), PANEL_HEIGHT * 3 / 2, rtChart));
    return out;
  }

  private static XYChart pendingChart(String title, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle("pending requests").yAxisTitle(yTitle).build();
    chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW)
        .setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  private static CategoryChart bars(String title, String yTitle) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title)
        .xAxisTitle("payload").yAxisTitle(yTitle).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW)
        .setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  private static Path save(Path file, int panelHeight, Chart<?, ?>... panels) throws IOException {
    BufferedImage image = new BufferedImage(WIDTH, panelHeight * panels.length, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < panels.length; i++) {
        Graphics2D panel = (Graphics2D) g.create(0, i * panelHeight, WIDTH, panelHeight);
        try {
          panels[i].paint(panel, WIDTH, panelHeight);
        } finally {
          panel.dispose();
        }
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer in this JDK");
    }
    return file;
  }
}

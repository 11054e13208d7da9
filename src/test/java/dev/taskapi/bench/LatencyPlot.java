package dev.taskapi.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Draws the benchmark's figure with plain Java2D (headless, no plotting library): on the left the
 * distribution of warm latencies as cumulative curves on a logarithmic time axis, on the right
 * each cold start as a dot.
 */
final class LatencyPlot {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 620;
    private static final Color[] COLORS = { new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xd62728), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0xe377c2),
            new Color(0x7f7f7f), new Color(0xbcbd22) };

    private LatencyPlot() {
    }

    /**
     * @param warm  latencies in milliseconds by series name, in legend order
     * @param cold  cold starts in milliseconds by variant name, in axis order
     * @param title the figure's title (what, where, when)
     */
    static void write(Path png, String title, Map<String, double[]> warm, Map<String, double[]> cold) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 30, 32);
        drawCdf(g, 70, 70, 820, 470, warm);
        drawDots(g, 1000, 70, 360, 470, cold);
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drawCdf(Graphics2D g, int x0, int y0, int w, int h, Map<String, double[]> series) {
        double min = series.values().stream().flatMapToDouble(Arrays::stream).min().orElse(0.1);
        double max = series.values().stream().flatMapToDouble(Arrays::stream).max().orElse(100);
        double logMin = Math.log10(niceBelow(Math.max(min, 0.01)));
        double logMax = Math.ceil(Math.log10(Math.max(max, min * 10)));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.BLACK);
        g.drawString("Warm latency, end to end through the Runtime API (cumulative share of requests)", x0, y0 - 12);
        // Grid: decades and 1-2-5 steps on x, tenths on y.
        for (double decade = Math.floor(logMin); decade <= logMax; decade++) {
            for (int step : new int[] { 1, 2, 5 }) {
                double value = step * Math.pow(10, decade);
                double lv = Math.log10(value);
                if (lv > logMax + 1e-9 || lv < logMin - 1e-9) {
                    continue;
                }
                int x = x0 + (int) Math.round((lv - logMin) / (logMax - logMin) * w);
                g.setColor(step == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(x, y0, x, y0 + h);
                g.setColor(Color.DARK_GRAY);
                String label = value >= 1 ? String.format("%.0f", value) : String.format("%.1f", value);
                g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, y0 + h + 18);
            }
        }
        for (int tenth = 0; tenth <= 10; tenth++) {
            int y = y0 + h - tenth * h / 10;
            g.setColor(tenth == 5 || tenth == 10 ? new Color(0xcccccc) : new Color(0xeeeeee));
            g.drawLine(x0, y, x0 + w, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(tenth * 10 + "%", x0 - 40, y + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, w, h);
        g.drawString("milliseconds (log scale)", x0 + w / 2 - 70, y0 + h + 40);

        int index = 0;
        g.setStroke(new BasicStroke(2.2f));
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            double[] sorted = entry.getValue().clone();
            Arrays.sort(sorted);
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < sorted.length; i++) {
                double lv = Math.log10(Math.max(sorted[i], Math.pow(10, logMin)));
                double x = x0 + (lv - logMin) / (logMax - logMin) * w;
                double y = y0 + h - (double) (i + 1) / sorted.length * h;
                if (i == 0) {
                    path.moveTo(x, y0 + h);
                }
                path.lineTo(x, y);
            }
            Color color = COLORS[index % COLORS.length];
            g.setColor(color);
            g.draw(path);
            int legendY = y0 + 20 + index * 20;
            g.fillRect(x0 + w - 250, legendY - 10, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%s (p50 %.2f ms)", entry.getKey(), percentile(sorted, 50)),
                    x0 + w - 225, legendY - 3);
            index++;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawDots(Graphics2D g, int x0, int y0, int w, int h, Map<String, double[]> cold) {
        double max = cold.values().stream().flatMapToDouble(Arrays::stream).max().orElse(1000);
        double step = 100;
        for (double candidate : new double[] { 100, 200, 250, 500, 1000, 2000, 5000 }) {
            step = candidate;
            if (Math.ceil(max / candidate) <= 10) {
                break;
            }
        }
        double top = Math.ceil(max / step) * step;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.BLACK);
        g.drawString("Cold start: process start to first answer", x0, y0 - 12);
        for (double ms = 0; ms <= top + 1e-9; ms += step) {
            int y = y0 + h - (int) Math.round(ms / top * h);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x0, y, x0 + w, y);
            g.setColor(Color.DARK_GRAY);
            String label = step % 100 == 0 ? String.format("%.1f s", ms / 1000) : String.format("%.2f s", ms / 1000);
            g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), y + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, w, h);
        int columns = cold.size();
        int index = 0;
        for (Map.Entry<String, double[]> entry : cold.entrySet()) {
            int cx = x0 + (2 * index + 1) * w / (2 * columns);
            double[] values = entry.getValue();
            Color color = COLORS[index % COLORS.length];
            for (int i = 0; i < values.length; i++) {
                int y = y0 + h - (int) Math.round(values[i] / top * h);
                int jitter = (i % 5 - 2) * 6;
                g.setColor(color);
                g.fillOval(cx + jitter - 5, y - 5, 10, 10);
            }
            double median = percentile(values.clone(), 50);
            int my = y0 + h - (int) Math.round(median / top * h);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(cx - 25, my, cx + 25, my);
            g.setStroke(new BasicStroke(1f));
            String label = entry.getKey();
            g.drawString(label, cx - g.getFontMetrics().stringWidth(label) / 2, y0 + h + 18);
            String value = String.format("%.2f s", median / 1000);
            g.drawString(value, cx - g.getFontMetrics().stringWidth(value) / 2, y0 + h + 36);
            index++;
        }
    }

    /** The largest of 1, 2 and 5 times a power of ten that is at most {@code value}. */
    private static double niceBelow(double value) {
        double decade = Math.pow(10, Math.floor(Math.log10(value)));
        for (int step : new int[] { 5, 2, 1 }) {
            if (step * decade <= value) {
                return step * decade;
            }
        }
        return decade;
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Redraws a figure from a run's {@code samples.csv}: {@code LatencyPlot samples.csv latency.png "title"}.
     */
    public static void main(String[] args) throws IOException {
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0])).subList(1, Files.readAllLines(Path.of(args[0])).size())) {
            String[] fields = line.split(",");
            Map<String, List<Double>> target = fields[0].equals("warm") ? warm : fields[0].equals("cold") ? cold : null;
            if (target != null) {
                target.computeIfAbsent(fields[1], name -> new java.util.ArrayList<>()).add(Double.parseDouble(fields[3]));
            }
        }
        Map<String, double[]> warmArrays = new LinkedHashMap<>();
        warm.forEach((name, values) -> warmArrays.put(name, values.stream().mapToDouble(Double::doubleValue).toArray()));
        Map<String, double[]> coldArrays = new LinkedHashMap<>();
        cold.forEach((name, values) -> coldArrays.put(name, values.stream().mapToDouble(Double::doubleValue).toArray()));
        write(Path.of(args[1]), args.length > 2 ? args[2] : "Latency", warmArrays, coldArrays);
    }
}

package io.prewarm.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The replay as an SVG: per service, demand, the forecast prewarm planned for, and the capacity
 * that ready instances serve per strategy ({@code ready x perInstance}), in demand units. At most
 * {@value #POINTS} points per line: each point is the highest demand and forecast and the lowest
 * capacity of its bucket, so a shortfall never disappears from the picture. Deterministic output.
 */
public final class SvgChart {
    static final int POINTS = 1000;
    private static final int WIDTH = 1200;
    private static final int PANEL = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final Map<Strategy, String> COLORS = Map.of(Strategy.STATIC, "#9e9e9e", Strategy.REACTIVE, "#e53935",
            Strategy.SCHEDULED, "#8e24aa", Strategy.PREWARM, "#1e88e5", Strategy.ORACLE, "#43a047");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    public static String render(List<BacktestResult> results) {
        int height = Math.max(1, results.size()) * PANEL;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < results.size(); i++) {
            panel(s, results.get(i), i * PANEL);
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, BacktestResult r, int y0) {
        int n = r.trace().minutes();
        int bucket = Math.max(1, (n + POINTS - 1) / POINTS);
        int buckets = (n + bucket - 1) / bucket;
        double[] demand = new double[buckets];
        double[] forecast = new double[buckets];
        double top = 0;
        for (int b = 0; b < buckets; b++) {
            demand[b] = Double.NaN;
            forecast[b] = Double.NaN;
            for (int m = b * bucket; m < Math.min(n, (b + 1) * bucket); m++) {
                demand[b] = maxIgnoringNaN(demand[b], r.trace().at(m));
                forecast[b] = maxIgnoringNaN(forecast[b], r.forecast()[m]);
            }
            top = maxIgnoringNaN(maxIgnoringNaN(top, demand[b]), forecast[b]);
        }
        double[][] capacity = new double[Strategy.values().length][buckets];
        for (Strategy st : Strategy.values()) {
            int[] ready = r.ready().get(st);
            for (int b = 0; b < buckets; b++) {
                int low = Integer.MAX_VALUE;
                for (int m = b * bucket; m < Math.min(n, (b + 1) * bucket); m++) {
                    low = Math.min(low, ready[m]);
                }
                capacity[st.ordinal()][b] = low * r.perInstance();
                top = Math.max(top, capacity[st.ordinal()][b]);
            }
        }
        top = top <= 0 ? 1 : top * 1.05;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PANEL - TOP - BOTTOM;
        int yb = y0 + TOP + plotH;
        s.append("<text x=\"").append(LEFT).append("\" y=\"").append(y0 + 18).append("\" font-size=\"13\">")
                .append(escape(r.key().toString())).append(": demand, forecast and serving capacity (")
                .append(r.from()).append(" .. ").append(r.to()).append(")</text>\n");
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y0 + TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#cccccc\"/>\n");
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            double y = yb - plotH * v / top;
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(fmt(v)).append("</text>\n");
        }
        long days = Duration.ofMinutes(n).toDays();
        long every = Math.max(1, days / 14);
        for (long d = 0; d <= days; d += every) {
            double x = LEFT + plotW * (d * 1440.0) / n;
            Instant t = r.from().plus(Duration.ofDays(d));
            s.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(yb).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(yb + 4).append("\" stroke=\"#666666\"/>\n");
            s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(yb + 16).append("\" text-anchor=\"middle\">")
                    .append(DAY.format(t)).append("</text>\n");
        }
        int legend = 0;
        for (Strategy st : Strategy.values()) {
            line(s, capacity[st.ordinal()], top, y0, COLORS.get(st), st == Strategy.PREWARM ? "1.6" : "1", null);
            legend(s, y0, legend++, COLORS.get(st), st.id() + " capacity", null);
        }
        line(s, forecast, top, y0, "#fb8c00", "1", "4 3");
        legend(s, y0, legend++, "#fb8c00", "forecast planned for", "4 3");
        line(s, demand, top, y0, "#000000", "1.2", null);
        legend(s, y0, legend, "#000000", "demand", null);
    }

    private static void line(StringBuilder s, double[] v, double top, int y0, String color, String width, String dash) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PANEL - TOP - BOTTOM;
        int yb = y0 + TOP + plotH;
        StringBuilder pts = new StringBuilder();
        for (int b = 0; b < v.length; b++) {
            if (Double.isNaN(v[b])) {
                flush(s, pts, color, width, dash);
                continue;
            }
            double x = LEFT + plotW * (b + 0.5) / v.length;
            double y = yb - plotH * v[b] / top;
            pts.append(pts.length() == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
        }
        flush(s, pts, color, width, dash);
    }

    private static void flush(StringBuilder s, StringBuilder pts, String color, String width, String dash) {
        if (pts.length() == 0) {
            return;
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(width).append('"');
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        s.append(" points=\"").append(pts).append("\"/>\n");
        pts.setLength(0);
    }

    private static void legend(StringBuilder s, int y0, int row, String color, String label, String dash) {
        int x = WIDTH - RIGHT + 10;
        int y = y0 + TOP + 10 + row * 16;
        s.append("<line x1=\"").append(x).append("\" y1=\"").append(y).append("\" x2=\"").append(x + 20).append("\" y2=\"")
                .append(y).append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"");
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        s.append("/>\n<text x=\"").append(x + 25).append("\" y=\"").append(y + 4).append("\">").append(escape(label))
                .append("</text>\n");
    }

    private static double maxIgnoringNaN(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

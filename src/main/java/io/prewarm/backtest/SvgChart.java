package io.prewarm.backtest;

import io.prewarm.chart.SvgWriter;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.prewarm.chart.SvgWriter.fmt;

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
        SvgWriter s = new SvgWriter(65_536, "\n");
        s.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + WIDTH + " " + height + "\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.raw("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int i = 0; i < results.size(); i++) {
            panel(s, results.get(i), i * PANEL);
        }
        return s.raw("</svg>\n").toString();
    }

    private static void panel(SvgWriter s, BacktestResult r, int y0) {
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
        s.text(LEFT, y0 + 18, " font-size=\"13\"", r.key() + ": demand, forecast and serving capacity (" + r.from()
                + " .. " + r.to() + ")");
        s.rect(LEFT, y0 + TOP, plotW, plotH, "none", "#cccccc");
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            double y = yb - plotH * v / top;
            s.text(LEFT - 6, fmt(y + 4), " text-anchor=\"end\"", fmt(v));
        }
        long days = Duration.ofMinutes(n).toDays();
        long every = Math.max(1, days / 14);
        for (long d = 0; d <= days; d += every) {
            String x = fmt(LEFT + plotW * (d * 1440.0) / n);
            s.line(null, x, yb, x, yb + 4, "#666666", null, null);
            s.text(x, yb + 16, " text-anchor=\"middle\"", DAY.format(r.from().plus(Duration.ofDays(d))));
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

    private static void line(SvgWriter s, double[] v, double top, int y0, String color, String width, String dash) {
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = PANEL - TOP - BOTTOM;
        int yb = y0 + TOP + plotH;
        for (int b = 0; b < v.length; b++) {
            if (Double.isNaN(v[b])) {
                s.polyline(color, width, dash);
            } else {
                s.point(LEFT + plotW * (b + 0.5) / v.length, yb - plotH * v[b] / top);
            }
        }
        s.polyline(color, width, dash);
    }

    private static void legend(SvgWriter s, int y0, int row, String color, String label, String dash) {
        int x = WIDTH - RIGHT + 10;
        int y = y0 + TOP + 10 + row * 16;
        s.line(null, x, y, x + 20, y, color, "2", dash);
        s.text(x + 25, y + 4, "", label);
    }

    private static double maxIgnoringNaN(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }
}

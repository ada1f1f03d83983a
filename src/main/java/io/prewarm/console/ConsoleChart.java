package io.prewarm.console;

import io.prewarm.chart.SvgWriter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.prewarm.chart.SvgWriter.escape;
import static io.prewarm.chart.SvgWriter.fmt;

/**
 * A service's chart as inline SVG: observed demand of the last days, the plan's forecast with its upper
 * bound, and the planned capacity in demand units, with a marker at "now". The same data as the merge
 * request's Mermaid chart, drawn by the app so the page needs no script and no external asset.
 * Each series is bucketed to at most {@value #POINTS} points (the highest value of a bucket, so a peak
 * never disappears). Deterministic: the same model gives the same bytes.
 */
public final class ConsoleChart {
    static final int POINTS = 240;
    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    // colours chosen for contrast on white (all at least 4.5:1) and for telling apart without colour: dashes differ
    static final String DEMAND = "#1b1b1b";
    static final String FORECAST = "#a14a00";
    static final String UPPER = "#a14a00";
    static final String CAPACITY = "#0b57d0";
    static final String NOW = "#6b6b6b";
    static final String PIN = "#6a1b9a";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ConsoleChart() {
    }

    /**
     * @param id    a unique, safe id for the chart's title element (the page derives it from the service)
     * @param title the chart's accessible name
     */
    public static String render(String id, String title, Instant now, ConsoleModel.Chart c) {
        double top = c.pins().stream().mapToDouble(ConsoleModel.Pin::value).max().orElse(0);
        for (Optional<ConsoleModel.Series> s : List.of(c.demand(), c.forecast(), c.upper(), c.capacity())) {
            if (s.isPresent()) {
                for (double v : s.get().values()) {
                    if (Double.isFinite(v)) {
                        top = Math.max(top, v);
                    }
                }
            }
        }
        double ceiling = top <= 0 ? 1 : niceCeiling(top * 1.05);
        SvgWriter s = new SvgWriter(16_384, "");
        String safeId = escape(id);
        s.raw("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\" role=\"img\" aria-labelledby=\"" + safeId + "-t " + safeId + "-d\" font-family=\"sans-serif\" font-size=\"11\">");
        s.raw("<title id=\"" + safeId + "-t\">" + escape(title) + "</title>");
        s.raw("<desc id=\"" + safeId + "-d\">" + escape(describe(c)) + "</desc>");
        s.rect(0, 0, WIDTH, HEIGHT, "#ffffff", null);
        axes(s, c, ceiling);
        c.capacity().ifPresent(v -> line(s, c, v, ceiling, CAPACITY, "2.2", null, true));
        c.upper().ifPresent(v -> line(s, c, v, ceiling, UPPER, "1.4", "5 3", false));
        c.forecast().ifPresent(v -> line(s, c, v, ceiling, FORECAST, "1.2", "1 2", false));
        c.demand().ifPresent(v -> line(s, c, v, ceiling, DEMAND, "1.4", null, false));
        for (ConsoleModel.Pin p : c.pins()) {
            pin(s, c, p, ceiling);
        }
        if (!now.isBefore(c.from()) && !now.isAfter(c.to())) {
            String x = fmt(x(c, now));
            s.line(null, x, TOP, x, HEIGHT - BOTTOM, NOW, null, "2 2");
            s.text(x, TOP + 9, " text-anchor=\"middle\" fill=\"" + NOW + "\"", "now");
        }
        return s.raw("</svg>").toString();
    }

    /** A freeze or floor: a thick dashed level from its start (or the left edge) to its end (or the right edge). */
    private static void pin(SvgWriter s, ConsoleModel.Chart c, ConsoleModel.Pin p, double top) {
        Instant a = p.since().isBefore(c.from()) ? c.from() : p.since();
        Instant b = p.until().filter(u -> u.isBefore(c.to())).orElse(c.to());
        if (!b.isAfter(a)) {
            return;
        }
        double y = HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * p.value() / top;
        s.line("pin", fmt(x(c, a)), fmt(y), fmt(x(c, b)), fmt(y), PIN, "2.5", "8 4");
        s.text(fmt(x(c, a) + 4), fmt(y - 4), " fill=\"" + PIN + "\"", p.label());
    }

    /** The text alternative: what is drawn and the highest value of each series. */
    static String describe(ConsoleModel.Chart c) {
        StringBuilder b = new StringBuilder();
        b.append("From ").append(c.from()).append(" to ").append(c.to()).append(" in ").append(c.unit()).append(". ");
        c.demand().ifPresent(v -> b.append("Observed demand peaks at ").append(fmt(max(v))).append(". "));
        c.upper().ifPresent(v -> b.append("Upper forecast peaks at ").append(fmt(max(v))).append(". "));
        c.capacity().ifPresent(v -> b.append("Planned capacity peaks at ").append(fmt(max(v)))
                .append(c.perInstance() > 0 ? " (" + Math.round(max(v) / c.perInstance()) + " instances)" : "").append(". "));
        c.pins().forEach(p -> b.append(p.label()).append(" (").append(fmt(p.value())).append("). "));
        if (c.demand().isEmpty()) {
            b.append("No observed demand (no metrics source). ");
        }
        if (c.upper().isEmpty()) {
            b.append("No forecast in the plan file. ");
        }
        return b.toString().strip();
    }

    private static void axes(SvgWriter s, ConsoleModel.Chart c, double top) {
        int plotH = HEIGHT - TOP - BOTTOM;
        s.rect(LEFT, TOP, WIDTH - LEFT - RIGHT, plotH, "none", "#8a8a8a");
        for (int k = 0; k <= 4; k++) {
            double v = top * k / 4;
            double y = HEIGHT - BOTTOM - plotH * v / top;
            if (k > 0 && k < 4) {
                s.line(null, LEFT, fmt(y), WIDTH - RIGHT, fmt(y), "#e3e3e3", null, null);
            }
            s.text(LEFT - 4, fmt(y + 4), " text-anchor=\"end\" fill=\"#333333\"", label(v));
        }
        Instant day = c.from().truncatedTo(ChronoUnit.DAYS);
        if (day.isBefore(c.from())) {
            day = day.plus(Duration.ofDays(1));
        }
        long days = Duration.between(day, c.to()).toDays() + 1;
        long every = Math.max(1, days / 8);
        for (Instant d = day; !d.isAfter(c.to()); d = d.plus(Duration.ofDays(every))) {
            String x = fmt(x(c, d));
            s.line(null, x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4, "#555555", null, null);
            s.text(x, HEIGHT - BOTTOM + 16, " text-anchor=\"middle\" fill=\"#333333\"", DAY.format(d));
        }
    }

    /** A series bucketed by time across the plot; capacity is drawn as steps (it changes at instants). */
    private static void line(SvgWriter s, ConsoleModel.Chart c, ConsoleModel.Series v, double top, String color,
                             String width, String dash, boolean steps) {
        long span = Duration.between(c.from(), c.to()).toMillis();
        long bucketMs = Math.max(v.step().toMillis(), (span + POINTS - 1) / POINTS);
        int buckets = (int) Math.max(1, (span + bucketMs - 1) / bucketMs);
        double[] peak = new double[buckets];
        java.util.Arrays.fill(peak, Double.NaN);
        for (int i = 0; i < v.values().size(); i++) {
            Instant t = v.timeAt(i);
            double val = v.values().get(i);
            if (t.isBefore(c.from()) || !t.isBefore(c.to()) || !Double.isFinite(val)) {
                continue;
            }
            int b = (int) (Duration.between(c.from(), t).toMillis() / bucketMs);
            peak[b] = Double.isNaN(peak[b]) ? val : Math.max(peak[b], val);
        }
        int plotH = HEIGHT - TOP - BOTTOM;
        double plotW = WIDTH - LEFT - RIGHT;
        for (int b = 0; b < buckets; b++) {
            if (Double.isNaN(peak[b])) {
                s.polyline(color, width, dash);
                continue;
            }
            double y = HEIGHT - BOTTOM - plotH * peak[b] / top;
            double x0 = LEFT + plotW * b / buckets;
            double x1 = LEFT + plotW * Math.min(buckets, b + 1) / buckets;
            if (steps) {
                s.point(x0, y).point(x1, y);
            } else {
                s.point((x0 + x1) / 2, y);
            }
        }
        s.polyline(color, width, dash);
    }

    private static double x(ConsoleModel.Chart c, Instant t) {
        double span = Duration.between(c.from(), c.to()).toMillis();
        return LEFT + (WIDTH - LEFT - RIGHT) * Duration.between(c.from(), t).toMillis() / span;
    }

    private static double max(ConsoleModel.Series s) {
        return s.values().stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** 1, 2, 2.5 or 5 times a power of ten at or above {@code v}, so the axis reads in round numbers. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}

package io.prewarm.forecast.smile;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.forecast.Forecaster;
import io.prewarm.metrics.TimeSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The forecasting engine: cleans outliers, lets seasonal-naive baselines, seasonal-profile models and
 * a Smile ridge regression on calendar features compete by rolling-origin evaluation on the history,
 * forecasts with the winner (possibly an equal-weight mean of the best two or three) and adds an upper
 * bound calibrated on the winner's out-of-sample errors. Deterministic: no randomness is used.
 *
 * <p>With less than two weeks of history only daily-cycle models compete; with less than two days the
 * forecast is flat (the median of the last day). Both fallbacks are stated in the notes.
 */
public final class SmileForecaster implements Forecaster {
    /** Weekly models need two full weeks of history. */
    static final int WEEKS_FOR_WEEKLY = 2;

    public SmileForecaster() {
    }

    @Override
    public Forecast forecast(TimeSeries history, ForecastRequest request) {
        Duration step = history.step();
        if (!request.step().equals(step)) {
            throw new IllegalArgumentException("forecasting: request step " + request.step()
                    + " differs from history step " + step);
        }
        long gapSec = Duration.between(history.end(), request.start()).getSeconds();
        if (gapSec < 0) {
            history = history.slice(history.start(), request.start());
            gapSec = Duration.between(history.end(), request.start()).getSeconds();
        }
        if (gapSec % step.getSeconds() != 0) {
            throw new IllegalArgumentException("forecasting: request start " + request.start()
                    + " is not on the history grid");
        }
        int gap = (int) (gapSec / step.getSeconds());
        int h = gap + request.horizon();
        int n = history.size();
        double[] y = Arrays.copyOf(history.values(), n + h);
        Arrays.fill(y, n, n + h, Double.NaN);
        int present = n - history.missing();
        if (present == 0) {
            throw new IllegalArgumentException("forecasting: history has no samples");
        }
        Grid g = Grid.build(history.start(), step, n + h, request.zone(), request.holidays());
        List<String> notes = new ArrayList<>();
        if (present < n) {
            notes.add(String.format(Locale.ROOT, "%d of %d history samples missing (%.1f%%), skipped, not read as zero",
                    n - present, n, 100.0 * (n - present) / n));
        }
        AnomalyFilter.Result cleaned = AnomalyFilter.clean(y, n, g);
        if (cleaned.removed() > 0) {
            notes.add(cleaned.removed() + " outlier samples (incident dips or one-off spikes) left out of training");
        } else if (cleaned.skipped()) {
            notes.add("outlier filter skipped: too many samples deviate from the usual pattern");
        }
        double[] train = cleaned.cleaned();
        LevelShift.Shift shift = LevelShift.detect(train, n, g);
        if (shift != null) {
            train = LevelShift.apply(train, shift);
            y = LevelShift.apply(y, shift);
            notes.add(String.format(Locale.ROOT, "level shift x%.2f detected at %s; earlier history rescaled to the new"
                    + " level", shift.ratio(), history.timeAt(shift.index())));
        }
        Result r = fit(y, train, n, g, h, notes);
        double[] point = new double[request.horizon()];
        double[] upper = new double[request.horizon()];
        double median = Stats.median(Arrays.copyOf(y, n));
        boolean patched = false;
        for (int k = 0; k < request.horizon(); k++) {
            double raw = r.point[gap + k];
            if (!Double.isFinite(raw)) {
                raw = median; // a slot no model could reach (history almost empty there)
                patched = true;
            }
            double p = Math.max(0, raw);
            double u = r.upper == null ? p : r.upper.upper(p);
            point[k] = p;
            upper[k] = Math.max(p, Math.max(0, u));
        }
        if (patched) {
            notes.add("some steps had no usable history in their slot; they use the median of history");
        }
        if (r.flatUpper >= 0) {
            Arrays.setAll(upper, k -> Math.max(point[k], r.flatUpper));
        }
        return new Forecast(request.start(), step, point, upper, r.model, r.score, RollingOrigin.METRIC, notes);
    }

    private record Result(double[] point, UpperBound upper, double flatUpper, String model, double score) {
    }

    private Result fit(double[] raw, double[] clean, int n, Grid g, int h, List<String> notes) {
        double days = n / (double) g.slotsPerDay;
        boolean weekly = g.slotsPerWeek != g.slotsPerDay && n >= WEEKS_FOR_WEEKLY * g.slotsPerWeek;
        if (n < 2 * g.slotsPerDay) {
            return flat(raw, clean, n, g, h, days, notes);
        }
        if (!weekly && g.slotsPerWeek != g.slotsPerDay) {
            notes.add(String.format(Locale.ROOT, "short history: %.1f days (< %d): weekly pattern not modelled,"
                    + " daily-cycle models only", days, 7 * WEEKS_FOR_WEEKLY));
        }
        List<Model> candidates = weekly ? Candidates.weekly() : Candidates.daily();
        int window = weekly ? g.slotsPerWeek : g.slotsPerDay;
        int minTrain = weekly ? g.slotsPerWeek + g.slotsPerDay : 2 * g.slotsPerDay;
        RollingOrigin.Outcome outcome = RollingOrigin.run(candidates, clean, n, g, h, window, minTrain);
        double floor = 0.1 * Math.abs(Stats.mean(clean, 0, n, 1));
        if (outcome == null) {
            Model m = candidates.get(candidates.size() - 1);
            notes.add("no validation window fits in the history; used " + m.name() + " without selection");
            double[] f = m.forecast(clean, n, g, h);
            return new Result(f, null, inflatedMax(clean, n), m.name(), Double.NaN);
        }
        RollingOrigin.Scored best = outcome.best();
        double[] f = new double[h];
        for (Model m : best.members()) {
            double[] fm = m.forecast(clean, n, g, h);
            for (int k = 0; k < h; k++) {
                f[k] += fm[k] / best.members().size();
            }
        }
        notes.add(String.format(Locale.ROOT, "model chosen by rolling-origin evaluation on %d windows of %d steps:"
                + " %s (%s %.3f)%s", outcome.origins().length, outcome.window(), best.name(), RollingOrigin.METRIC,
                best.score(), runnerUp(outcome)));
        Calibration cal = Calibration.collect(best, outcome, clean, n, g, minTrain);
        UpperBound ub = new UpperBound(raw, cal.origins(), cal.forecasts(), Math.max(floor, 1e-9));
        notes.add(String.format(Locale.ROOT, "upper bound: forecast x (1 + %.2f): P%.0f of the out-of-sample relative"
                + " errors plus %.1f x the spread of their per-window means, over %d windows", ub.margin(),
                UpperBound.QUANTILE * 100, UpperBound.LEVEL_SIGMAS, cal.origins().length));
        return new Result(f, ub, -1,
                best.name(), best.score());
    }

    private static String runnerUp(RollingOrigin.Outcome o) {
        StringBuilder sb = new StringBuilder();
        List<RollingOrigin.Scored> ranked = o.ranked();
        for (RollingOrigin.Scored s : ranked.subList(1, Math.min(3, ranked.size()))) {
            sb.append(String.format(Locale.ROOT, "; then %s %.3f", s.name(), s.score()));
        }
        for (RollingOrigin.Scored s : ranked) {
            if (s.name().startsWith("seasonal-naive-week")) {
                sb.append(String.format(Locale.ROOT, "; baseline %s %.3f", s.name(), s.score()));
            }
        }
        return sb.toString();
    }

    private Result flat(double[] raw, double[] clean, int n, Grid g, int h, double days, List<String> notes) {
        int from = Math.max(0, n - g.slotsPerDay);
        double level = Stats.medianInPlace(Arrays.copyOfRange(clean, from, n), n - from);
        if (Double.isNaN(level)) {
            level = Stats.median(Arrays.copyOf(raw, n));
        }
        notes.add(String.format(Locale.ROOT, "short history: %.1f days (< 2): flat forecast at the median of the"
                + " last day; upper bound = 1.2 x the highest sample seen", days));
        double[] f = new double[h];
        Arrays.fill(f, level);
        return new Result(f, null, inflatedMax(raw, n), "flat-median-last-day", Double.NaN);
    }

    private static double inflatedMax(double[] v, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(v[i])) {
                m = Math.max(m, v[i]);
            }
        }
        return 1.2 * m;
    }
}

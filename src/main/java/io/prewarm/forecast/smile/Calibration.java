package io.prewarm.forecast.smile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Out-of-sample windows for calibrating the upper bound. The selection windows alone (often only two or
 * three when the history is four weeks and the window one week) hold too few realizations of the level
 * error; the chosen model is therefore also replayed from origins one day apart (up to {@link #EXTRA}
 * more), on the training window only.
 */
record Calibration(int[] origins, double[][] forecasts) {
    static final int EXTRA = 12;

    static Calibration collect(RollingOrigin.Scored best, RollingOrigin.Outcome outcome, double[] clean, int n,
                               Grid g, int minTrain) {
        int hv = outcome.window();
        List<Integer> origins = new ArrayList<>();
        List<double[]> fc = new ArrayList<>();
        for (int j = 0; j < outcome.origins().length; j++) {
            origins.add(outcome.origins()[j]);
            fc.add(best.forecasts()[j]);
        }
        int added = 0;
        for (int o = n - hv - g.slotsPerDay; o >= minTrain && added < EXTRA; o -= g.slotsPerDay) {
            if (origins.contains(o)) {
                continue;
            }
            double[] f = new double[hv];
            try {
                for (Model m : best.members()) {
                    double[] fm = m.forecast(clean, o, g, hv);
                    for (int i = 0; i < hv; i++) {
                        f[i] += fm[i] / best.members().size();
                    }
                }
            } catch (RuntimeException e) {
                break; // older origins have even less history
            }
            origins.add(o);
            fc.add(f);
            added++;
        }
        return new Calibration(origins.stream().mapToInt(Integer::intValue).toArray(), fc.toArray(new double[0][]));
    }

    @Override
    public String toString() {
        return "Calibration" + Arrays.toString(origins);
    }
}

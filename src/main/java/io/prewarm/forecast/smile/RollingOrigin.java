package io.prewarm.forecast.smile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Rolling-origin evaluation on the training window only: each candidate is refitted at up to
 * {@link #MAX_ORIGINS} origins before the end of history and scored on the following window against
 * the cleaned history (so nobody is rewarded for predicting an incident). The score is MASE with the
 * one-day seasonal naive as scale, averaged over origins. Equal-weight means of the best two and
 * three candidates compete too, because averaging good forecasts usually beats picking one.
 */
final class RollingOrigin {
    static final int MAX_ORIGINS = 6;
    static final String METRIC = "MASE(m=1 day)";

    /** One scored candidate with its out-of-sample forecasts per origin. */
    record Scored(String name, List<Model> members, double score, double[][] forecasts) {
    }

    /** Outcome: candidates best first, and the validation windows used. */
    record Outcome(List<Scored> ranked, int[] origins, int window) {
        Scored best() {
            return ranked.get(0);
        }
    }

    private RollingOrigin() {
    }

    /** @return null when no origin leaves enough training data */
    static Outcome run(List<Model> candidates, double[] clean, int n, Grid g, int horizon, int window, int minTrain) {
        int hv = Math.min(horizon, window);
        List<Integer> os = new ArrayList<>();
        for (int j = 0; j < MAX_ORIGINS; j++) {
            int o = n - hv - j * hv;
            if (o < minTrain) {
                break;
            }
            os.add(o);
        }
        if (os.isEmpty()) {
            return null;
        }
        int[] origins = os.stream().mapToInt(Integer::intValue).toArray();
        double[] scales = new double[origins.length];
        for (int j = 0; j < origins.length; j++) {
            scales[j] = scale(clean, origins[j], g.slotsPerDay);
        }
        List<Scored> scored = new ArrayList<>();
        for (Model m : candidates) {
            if (m.minHistory(g) > origins[origins.length - 1]) {
                continue;
            }
            double[][] fc = new double[origins.length][];
            try {
                for (int j = 0; j < origins.length; j++) {
                    fc[j] = m.forecast(clean, origins[j], g, hv);
                }
            } catch (RuntimeException e) {
                continue; // a candidate that cannot fit this history simply does not compete
            }
            scored.add(new Scored(m.name(), List.of(m), score(fc, clean, origins, scales), fc));
        }
        if (scored.isEmpty()) {
            return null;
        }
        scored.sort(Comparator.comparingDouble(Scored::score));
        List<Scored> all = new ArrayList<>(scored);
        for (int k = 2; k <= 3 && k <= scored.size(); k++) {
            List<Scored> top = scored.subList(0, k);
            double[][] fc = new double[origins.length][hv];
            List<Model> members = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Scored s : top) {
                members.add(s.members().get(0));
                names.add(s.name());
                for (int j = 0; j < origins.length; j++) {
                    for (int i = 0; i < hv; i++) {
                        fc[j][i] += s.forecasts()[j][i] / k;
                    }
                }
            }
            all.add(new Scored("mean(" + String.join(" + ", names) + ")", List.copyOf(members),
                    score(fc, clean, origins, scales), fc));
        }
        all.sort(Comparator.comparingDouble(Scored::score));
        return new Outcome(List.copyOf(all), origins, hv);
    }

    private static double score(double[][] fc, double[] clean, int[] origins, double[] scales) {
        double total = 0;
        int used = 0;
        for (int j = 0; j < origins.length; j++) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < fc[j].length; i++) {
                double a = clean[origins[j] + i];
                if (!Double.isNaN(a)) {
                    s += Math.abs(a - fc[j][i]);
                    c++;
                }
            }
            if (c > 0) {
                total += s / c / scales[j];
                used++;
            }
        }
        return used == 0 ? Double.POSITIVE_INFINITY : total / used;
    }

    /** In-sample one-day seasonal naive MAE, the MASE denominator; never zero. */
    static double scale(double[] y, int n, int lag) {
        double s = Stats.seasonalMae(y, n, lag);
        if (Double.isNaN(s) || s <= 0) {
            double m = Stats.mean(Arrays.stream(Arrays.copyOf(y, n)).map(Math::abs).toArray(), 0, n, 1);
            s = Double.isNaN(m) || m <= 0 ? 1 : m;
        }
        return s;
    }
}

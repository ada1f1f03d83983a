package io.prewarm.gitops;

import java.util.BitSet;
import java.util.Optional;

/**
 * The minutes of a week (0 = Monday 00:00) at which a five-field cron fires, for crons that repeat weekly
 * (day of month and month are {@code *}). Supports {@code *}, numbers, lists, ranges and steps; day of week
 * 0 and 7 are Sunday. Anything else is not weekly and gives empty.
 */
final class WeeklyCron {
    static final int MINUTES_PER_WEEK = 7 * 24 * 60;

    private WeeklyCron() {
    }

    static Optional<BitSet> firings(String cron) {
        String[] f = cron.trim().split("\\s+");
        if (f.length != 5 || !f[2].equals("*") || !f[3].equals("*")) {
            return Optional.empty();
        }
        Optional<BitSet> minutes = field(f[0], 0, 59);
        Optional<BitSet> hours = field(f[1], 0, 23);
        Optional<BitSet> days = field(f[4], 0, 7);
        if (minutes.isEmpty() || hours.isEmpty() || days.isEmpty()) {
            return Optional.empty();
        }
        BitSet out = new BitSet(MINUTES_PER_WEEK);
        for (int d = days.get().nextSetBit(0); d >= 0; d = days.get().nextSetBit(d + 1)) {
            int mondayBased = (d + 6) % 7; // cron: 0 or 7 = Sunday, 1 = Monday
            for (int h = hours.get().nextSetBit(0); h >= 0; h = hours.get().nextSetBit(h + 1)) {
                for (int m = minutes.get().nextSetBit(0); m >= 0; m = minutes.get().nextSetBit(m + 1)) {
                    out.set(mondayBased * 1440 + h * 60 + m);
                }
            }
        }
        return Optional.of(out);
    }

    private static Optional<BitSet> field(String spec, int lo, int hi) {
        BitSet out = new BitSet(hi + 1);
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                Optional<Integer> s = number(part.substring(slash + 1));
                if (s.isEmpty() || s.get() < 1) {
                    return Optional.empty();
                }
                step = s.get();
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = lo;
                to = hi;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                Optional<Integer> a = number(ab[0]);
                Optional<Integer> b = number(ab[1]);
                if (a.isEmpty() || b.isEmpty()) {
                    return Optional.empty();
                }
                from = a.get();
                to = b.get();
            } else {
                Optional<Integer> a = number(range);
                if (a.isEmpty()) {
                    return Optional.empty();
                }
                from = a.get();
                to = slash >= 0 ? hi : a.get();
            }
            if (from < lo || to > hi || from > to) {
                return Optional.empty();
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }
        return Optional.of(out);
    }

    private static Optional<Integer> number(String s) {
        return s.matches("\\d{1,2}") ? Optional.of(Integer.parseInt(s)) : Optional.empty();
    }
}

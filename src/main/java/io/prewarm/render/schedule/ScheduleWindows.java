package io.prewarm.render.schedule;

import io.prewarm.plan.ScalingAction;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns "from this moment on" actions into windows: an action's floor holds from its firing until the
 * next action fires. Weekly windows that share a floor, a start time and a length are merged into one
 * window over several days, even when different actions open them (planners often emit one action per
 * weekday); the first action by name represents the window. Lengths are wall-clock minutes in the plan's zone (the clouds apply
 * the zone, so daylight saving moves the windows with local time; a window spanning the switch night
 * is an hour longer or shorter in real time).
 */
public final class ScheduleWindows {
    static final int WEEK = 7 * 1440;
    /** How long a one-off action holds when nothing follows it. */
    static final int LONE_ONE_OFF_MINUTES = 1440;

    /**
     * A weekly window: on {@code days} from {@code start} for {@code minutes}, at {@code action}'s floor.
     *
     * @param action  the window's representative action (first by name)
     * @param names   every action that opens this window, sorted
     */
    public record Weekly(ScalingAction action, List<String> names, Set<DayOfWeek> days, LocalTime start, int minutes) {
        public Weekly {
            names = List.copyOf(names);
            days = Set.copyOf(days);
        }

        /** Whether the window covers the whole week (the action is the only weekly one). */
        public boolean wholeWeek() {
            return minutes >= WEEK;
        }

        public String startCron() {
            return start.getMinute() + " " + start.getHour() + " * * " + WeeklyCron.dayField(days);
        }

        /** The cron of the window's end: start plus length, days shifted when it ends on a later day. */
        public String endCron() {
            int end = start.getHour() * 60 + start.getMinute() + minutes;
            int shift = end / 1440;
            Set<DayOfWeek> endDays = EnumSet.noneOf(DayOfWeek.class);
            days.forEach(d -> endDays.add(d.plus(shift)));
            int m = end % 1440;
            return (m % 60) + " " + (m / 60) + " * * " + WeeklyCron.dayField(endDays);
        }
    }

    /** A one-off window starting at {@code start} (local time in the plan's zone) for {@code minutes}. */
    public record OneOff(ScalingAction action, LocalDateTime start, int minutes) {
        public LocalDateTime end() {
            return start.plusMinutes(minutes);
        }

        /** Five-field cron of the start date (repeats yearly where the target has no year field). */
        public String startCron() {
            return cron(start);
        }

        public String endCron() {
            return cron(end());
        }

        /** GCP's extended cron with the year as sixth field: fires once. */
        public String startCronWithYear() {
            return cron(start) + " " + start.getYear();
        }

        private static String cron(LocalDateTime t) {
            return t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " " + t.getMonthValue() + " *";
        }
    }

    private final List<Weekly> weekly;
    private final List<OneOff> oneOffs;

    private ScheduleWindows(List<Weekly> weekly, List<OneOff> oneOffs) {
        this.weekly = List.copyOf(weekly);
        this.oneOffs = List.copyOf(oneOffs);
    }

    public List<Weekly> weekly() {
        return weekly;
    }

    public List<OneOff> oneOffs() {
        return oneOffs;
    }

    /**
     * @param actions the plan's actions (recurring ones must be weekly crons)
     * @param zone    the plan's zone, for one-off instants
     * @param context prefix of error messages
     */
    public static ScheduleWindows of(List<ScalingAction> actions, ZoneId zone, String context) {
        // Minute of week -> the action firing then; when two fire together the higher floor wins,
        // as it would on targets that take the maximum of overlapping schedules.
        TreeMap<Integer, ScalingAction> firings = new TreeMap<>();
        List<ScalingAction> ordered = actions.stream().sorted(Comparator.comparing(ScalingAction::name)).toList();
        for (ScalingAction a : ordered) {
            if (!a.zone().equals(zone)) {
                // Windows are computed on one wall clock; mixing zones would misplace them by the offset.
                throw new IllegalArgumentException(context + ": action " + a.name() + " is in zone " + a.zone()
                        + ", the plan in " + zone + "; this target takes one zone per service");
            }
            if (a.cron().isEmpty()) {
                continue;
            }
            for (int m : WeeklyCron.parse(a.cron().get(), context + ": action " + a.name()).minutesOfWeek()) {
                firings.merge(m, a, (x, y) -> y.min() > x.min() ? y : x);
            }
        }
        Map<String, Weekly> merged = new LinkedHashMap<>();
        List<Integer> times = new ArrayList<>(firings.keySet());
        for (int i = 0; i < times.size(); i++) {
            int t = times.get(i);
            int length = times.size() == 1 ? WEEK : Math.floorMod(times.get((i + 1) % times.size()) - t, WEEK);
            ScalingAction a = firings.get(t);
            LocalTime start = LocalTime.of((t % 1440) / 60, t % 60);
            DayOfWeek day = DayOfWeek.of(t / 1440 + 1);
            String key = a.min() + "@" + start + "+" + length;
            Weekly w = merged.get(key);
            Set<DayOfWeek> days = EnumSet.of(day);
            java.util.TreeSet<String> names = new java.util.TreeSet<>(List.of(a.name()));
            ScalingAction representative = a;
            if (w != null) {
                days.addAll(w.days());
                names.addAll(w.names());
                representative = w.action().name().compareTo(a.name()) <= 0 ? w.action() : a;
            }
            merged.put(key, new Weekly(representative, new ArrayList<>(names), days, start, length));
        }
        List<Weekly> weekly = new ArrayList<>(merged.values());
        weekly.sort(Comparator.comparing((Weekly w) -> w.action().name())
                .thenComparing(w -> w.days().stream().mapToInt(DayOfWeek::getValue).min().orElse(0))
                .thenComparing(Weekly::start));
        return new ScheduleWindows(weekly, oneOffs(ordered, zone, times));
    }

    private static List<OneOff> oneOffs(List<ScalingAction> ordered, ZoneId zone, List<Integer> weeklyTimes) {
        List<ScalingAction> singles = ordered.stream().filter(a -> a.at().isPresent())
                .sorted(Comparator.comparing((ScalingAction a) -> a.at().orElseThrow()).thenComparing(ScalingAction::name))
                .toList();
        List<OneOff> out = new ArrayList<>();
        for (int i = 0; i < singles.size(); i++) {
            ScalingAction a = singles.get(i);
            Instant at = a.at().orElseThrow();
            LocalDateTime local = LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.MINUTES);
            int mow = (local.getDayOfWeek().getValue() - 1) * 1440 + local.getHour() * 60 + local.getMinute();
            Optional<Integer> untilWeekly = weeklyTimes.stream().map(t -> Math.floorMod(t - mow - 1, WEEK) + 1).min(Integer::compare);
            Optional<Integer> untilNext = Optional.empty();
            for (int j = i + 1; j < singles.size(); j++) {
                long gap = ChronoUnit.MINUTES.between(local,
                        LocalDateTime.ofInstant(singles.get(j).at().orElseThrow(), zone).truncatedTo(ChronoUnit.MINUTES));
                if (gap > 0) {
                    untilNext = Optional.of((int) Math.min(gap, WEEK));
                    break;
                }
            }
            int minutes = Math.min(untilWeekly.orElse(Integer.MAX_VALUE), untilNext.orElse(Integer.MAX_VALUE));
            out.add(new OneOff(a, local, minutes == Integer.MAX_VALUE ? LONE_ONE_OFF_MINUTES : minutes));
        }
        return out;
    }
}

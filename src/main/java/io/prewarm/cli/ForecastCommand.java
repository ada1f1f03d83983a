package io.prewarm.cli;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.forecast.Forecaster;
import io.prewarm.forecast.smile.SmileForecaster;
import io.prewarm.metrics.TimeSeries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Forecasts every task of a history folder written by the benchmark's {@code make_tasks.py
 * --emit-history} and writes the interchange CSV that {@code score.py} scores, so prewarm is measured
 * exactly as the peer methods are. Integer timestamps mean "no calendar": hourly steps with seasonal
 * periods 24 and 168 by position. Date-time timestamps are naive local times; they are read on a
 * fixed-offset clock so the calendar features follow the wall clock exactly as written.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecast a benchmark history folder (index.csv + one timestamp,value file per task).")
public class ForecastCommand implements Runnable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final Duration HOUR = Duration.ofHours(1);

    @Option(names = "--history", required = true, description = "History folder with index.csv.")
    Path history;

    @Option(names = "--out", required = true, description = "Forecast CSV to write.")
    Path out;

    @Option(names = "--timings", description = "Timings CSV to write (fit + forecast wall seconds per task).")
    Path timings;

    @Option(names = "--holidays", description = "CSV of date,name holidays for calendar series.")
    Path holidays;

    @Option(names = "--method", defaultValue = "prewarm",
            description = "Method name written to the timings (default: ${DEFAULT-VALUE}).")
    String method;

    private final Forecaster forecaster = new SmileForecaster();

    @Override
    public void run() {
        Path index = history.resolve("index.csv");
        if (!Files.isRegularFile(index)) {
            throw new InvalidInputException("reading history folder: " + index + " does not exist");
        }
        Set<LocalDate> hol = holidays == null ? Set.of() : readHolidays(holidays);
        try (BufferedWriter fw = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             BufferedWriter tw = timings == null ? null : Files.newBufferedWriter(timings, StandardCharsets.UTF_8)) {
            fw.write("series_id,origin,step,timestamp,forecast,upper,model\n");
            if (tw != null) {
                tw.write("method,series_id,origin,seconds,status\n");
            }
            List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    runTask(line.split(",", -1), hol, fw, tw);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing forecasts to " + out + ": " + e.getMessage(), e);
        }
    }

    private void runTask(String[] f, Set<LocalDate> hol, BufferedWriter fw, BufferedWriter tw) throws IOException {
        String file = f[0];
        String series = f[1];
        String origin = f[2];
        int horizon = Integer.parseInt(f[4].trim());
        boolean calendar = !origin.trim().matches("-?\\d+");
        Instant originAt = parse(origin, calendar);
        TimeSeries ts = readHistory(history.resolve(file), calendar, originAt);
        ForecastRequest req = new ForecastRequest(originAt, HOUR, horizon,
                calendar ? Optional.of((ZoneId) ZoneOffset.UTC) : Optional.empty(), calendar ? hol : Set.of());
        long t0 = System.nanoTime();
        Forecast fc;
        String status = "ok";
        try {
            fc = forecaster.forecast(ts, req);
        } catch (RuntimeException e) {
            System.err.println("error: forecasting " + series + " at " + origin + ": " + e.getMessage());
            fc = lastDay(ts, req);
            status = "fallback";
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < horizon; k++) {
            sb.append(series).append(',').append(origin).append(',').append(k + 1).append(',')
                    .append(format(fc.timeAt(k), calendar)).append(',').append(num(fc.pointAt(k))).append(',')
                    .append(num(fc.upperAt(k))).append(',').append(fc.model().replace(',', ';')).append('\n');
        }
        fw.write(sb.toString());
        if (tw != null) {
            tw.write(method + "," + series + "," + origin + "," + String.format(Locale.ROOT, "%.6f", sec) + "," + status + "\n");
        }
    }

    /** Last-resort seasonal naive (one day) so one failing task does not sink the run. */
    private static Forecast lastDay(TimeSeries ts, ForecastRequest req) {
        double[] v = ts.values();
        double[] p = new double[req.horizon()];
        for (int k = 0; k < p.length; k++) {
            int i = v.length - 24 + (k % 24);
            p[k] = i >= 0 && i < v.length && !Double.isNaN(v[i]) ? v[i] : 0;
        }
        return new Forecast(req.start(), req.step(), p, p, "fallback-seasonal-naive-day", Double.NaN, "none",
                List.of("forecast failed; seasonal naive used"));
    }

    private static TimeSeries readHistory(Path file, boolean calendar, Instant origin) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            int c = line.lastIndexOf(',');
            times.add(parse(line.substring(0, c), calendar));
            String v = line.substring(c + 1).trim();
            values.add(v.isEmpty() ? Double.NaN : Double.parseDouble(v));
        }
        if (times.isEmpty()) {
            throw new InvalidInputException("reading " + file + ": no history rows");
        }
        Instant start = times.get(0);
        int n = (int) (Duration.between(start, origin).getSeconds() / 3600);
        double[] grid = new double[Math.max(0, n)];
        java.util.Arrays.fill(grid, Double.NaN);
        for (int i = 0; i < times.size(); i++) {
            long pos = Duration.between(start, times.get(i)).getSeconds() / 3600;
            if (pos >= 0 && pos < grid.length) {
                grid[(int) pos] = values.get(i);
            }
        }
        return new TimeSeries(start, HOUR, grid);
    }

    private static Instant parse(String s, boolean calendar) {
        String t = s.trim();
        if (!calendar) {
            return Instant.ofEpochSecond(Long.parseLong(t) * 3600);
        }
        t = t.replace('T', ' ');
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        return LocalDateTime.parse(t, STAMP).toInstant(ZoneOffset.UTC);
    }

    private static String format(Instant t, boolean calendar) {
        return calendar ? STAMP.format(t.atOffset(ZoneOffset.UTC)) : Long.toString(t.getEpochSecond() / 3600);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static Set<LocalDate> readHolidays(Path file) {
        try {
            Set<LocalDate> out = new HashSet<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (!line.isBlank()) {
                    out.add(LocalDate.parse(line.split(",", -1)[0].trim()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new InvalidInputException("reading holidays " + file + ": " + e.getMessage());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("reading holidays " + file + ": bad date " + e.getParsedString());
        }
    }
}

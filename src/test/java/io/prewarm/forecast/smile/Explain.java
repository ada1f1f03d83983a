package io.prewarm.forecast.smile;

import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Debug aid: forecasts one integer-timestamp history file and prints the notes and the forecast. */
public final class Explain {
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        double[] v = lines.stream().skip(1).mapToDouble(l -> {
            String s = l.substring(l.indexOf(',') + 1).trim();
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }).toArray();
        TimeSeries ts = new TimeSeries(Instant.EPOCH, Duration.ofHours(1), v);
        Forecast f = new SmileForecaster().forecast(ts, new ForecastRequest(ts.end(), Duration.ofHours(1),
                Integer.parseInt(args[1]), Optional.empty(), Set.of()));
        System.out.println(f.model() + " " + f.validationScore());
        f.notes().forEach(System.out::println);
        for (int i = 0; i < f.horizon(); i++) {
            System.out.printf("%.1f/%.1f ", f.point()[i], f.upper()[i]);
        }
        System.out.println();
    }
}

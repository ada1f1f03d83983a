package io.prewarm.bench;

import io.prewarm.common.TargetKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded synthetic fleet: service {@code i} is the same for every fleet size (its generator is seeded
 * with the fleet seed and {@code i}), so a fleet of 1,000 holds the fleet of 100 and costs can be compared
 * across sizes. Demand has a daily shape in the service's own time zone (a morning and an evening bump
 * of service-specific weight and hour), a weekly shape (quieter weekends, or busier ones for a few
 * consumer services), a slow trend, multiplicative noise and rare short spikes.
 */
public final class SyntheticFleet {
    /** The metric every synthetic service's demand is written to, labelled by environment and service. */
    public static final String METRIC = "bench_http_requests_per_second";

    private static final List<String> ZONES = List.of("America/New_York", "America/Chicago", "America/Los_Angeles",
            "Europe/London", "Europe/Berlin", "Europe/Paris", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "UTC");
    private static final List<String> COUNTRIES = List.of("US", "US", "US", "GB", "DE", "FR", "JP", "none", "none",
            "none");

    private final long seed;

    public SyntheticFleet(long seed) {
        this.seed = seed;
    }

    /** One synthetic service: its identity, target and the parameters of its demand. */
    public record Service(int index, String name, String environment, TargetKind kind, String zone, String country,
                          double base, double perInstance, int min, int max, double morningWeight, double morningHour,
                          double eveningWeight, double eveningHour, double weekendFactor, double noise,
                          double trendPerWeek, long demandSeed) {

        /** The demand query of the policy: exactly one series per service. */
        public String query() {
            return "sum(" + METRIC + "{environment=\"" + environment + "\",service=\"" + name + "\"})";
        }

        /**
         * Demand at {@code count} consecutive points from {@code start}, {@code step} apart. Deterministic:
         * the same arguments give the same values (noise comes from a generator seeded per service).
         */
        public double[] demand(Instant start, Duration step, int count) {
            Random rnd = new Random(demandSeed);
            ZoneId z = ZoneId.of(zone);
            double[] out = new double[count];
            long stepSeconds = step.getSeconds();
            for (int i = 0; i < count; i++) {
                Instant t = start.plusSeconds(i * stepSeconds);
                ZonedDateTime local = t.atZone(z);
                double hour = local.getHour() + local.getMinute() / 60.0;
                double daily = 0.25 + morningWeight * bump(hour, morningHour, 2.5)
                        + eveningWeight * bump(hour, eveningHour, 3.0);
                int dow = local.getDayOfWeek().getValue();
                double weekly = dow >= 6 ? weekendFactor : dow == 5 ? 0.95 : 1.0;
                double weeks = i * stepSeconds / (7 * 86400.0);
                double trend = 1 + trendPerWeek * weeks;
                double v = base * daily * weekly * trend * (1 + noise * rnd.nextGaussian());
                if (rnd.nextDouble() < 0.002) {
                    v *= 1.5 + rnd.nextDouble(); // a short burst: one 5-minute point
                }
                out[i] = Math.max(0, Math.round(v * 100) / 100.0);
            }
            return out;
        }

        /** A smooth bump of height 1 at {@code center} (hours), wrapping around midnight. */
        private static double bump(double hour, double center, double width) {
            double d = Math.abs(hour - center);
            d = Math.min(d, 24 - d);
            return Math.exp(-0.5 * (d / width) * (d / width));
        }
    }

    /** Service {@code i} of the fleet. */
    public Service service(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("service index must not be negative, got " + i);
        }
        Random r = new Random(seed * 1_000_003L + i);
        TargetKind kind = TargetKind.values()[i % TargetKind.values().length];
        int z = r.nextInt(ZONES.size());
        double base = Math.exp(Math.log(20) + r.nextDouble() * (Math.log(5000) - Math.log(20)));
        double morningWeight = 0.3 + r.nextDouble() * 1.2;
        double eveningWeight = r.nextDouble() * 1.0;
        double peakFactor = 0.25 + morningWeight + eveningWeight;
        // sized so the normal peak needs 4 to 60 instances at the policy's headroom
        double peakInstances = 4 + r.nextDouble() * 56;
        double perInstance = Math.max(1, Math.round(base * peakFactor * 1.2 / peakInstances));
        int min = 1 + r.nextInt(3);
        int max = (int) Math.ceil(peakInstances * 2.5) + min;
        double weekendFactor = r.nextDouble() < 0.15 ? 1.1 + r.nextDouble() * 0.4 : 0.35 + r.nextDouble() * 0.55;
        return new Service(i, String.format(Locale.ROOT, "svc-%05d", i), i % 4 == 3 ? "staging" : "prod", kind,
                ZONES.get(z), COUNTRIES.get(z), base, perInstance, min, max, morningWeight, 8 + r.nextDouble() * 4,
                eveningWeight, 17 + r.nextDouble() * 5, weekendFactor, 0.03 + r.nextDouble() * 0.09,
                -0.02 + r.nextDouble() * 0.06, r.nextLong());
    }

    /** The policy file of a service, in the format of {@code policies/*.yaml}. */
    public static String policyYaml(Service s) {
        StringBuilder y = new StringBuilder(512);
        y.append("# synthetic service ").append(s.index()).append(" of prewarm bench fleet\n")
                .append("service: ").append(s.name()).append('\n')
                .append("environment: ").append(s.environment()).append('\n')
                .append("timezone: ").append(s.zone()).append('\n')
                .append("target:\n  type: ").append(s.kind().id()).append('\n')
                .append("  name: ").append(s.name()).append('-').append(s.environment()).append('\n');
        switch (s.kind()) {
            case AWS_ASG -> y.append("  region: us-east-1\n");
            case KUBERNETES_HPA -> y.append("  namespace: bench\n  kind: Deployment\n");
            case KUBERNETES_KEDA -> y.append("  namespace: bench\n");
            case GCP_MIG -> y.append("  project: bench-project\n  zone: europe-west1-b\n");
            case AZURE_VMSS -> y.append("  resourceGroup: rg-bench\n  location: westeurope\n")
                    .append("  resourceId: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-bench/")
                    .append("providers/Microsoft.Compute/virtualMachineScaleSets/").append(s.name()).append('\n');
        }
        y.append("demand:\n  query: ").append(s.query()).append('\n')
                .append("capacity:\n  perInstance: ").append(fmt(s.perInstance())).append('\n')
                .append("  min: ").append(s.min()).append("\n  max: ").append(s.max()).append('\n')
                .append("rules:\n  prewarmLead: ").append(5 * (1 + s.index() % 4)).append("m\n")
                .append("holidays:\n  country: ").append(s.country()).append('\n');
        return y.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

package io.prewarm.cli;

import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code --policies} of {@code plan}, {@code backtest} and {@code validate}, and reading the folder. */
public class PolicyOptions {

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
            description = "Folder of policy files (default: ${DEFAULT-VALUE}).")
    Path policies;

    public Path dir() {
        return policies;
    }

    /** Every policy of the folder; invalid ones fail with every problem (exit 2). */
    public List<ServicePolicy> load() {
        return load(policies);
    }

    static List<ServicePolicy> load(Path dir) {
        return new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(dir);
    }
}

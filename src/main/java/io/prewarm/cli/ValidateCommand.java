package io.prewarm.cli;

import io.prewarm.forecast.HolidayCalendar;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** Checks every policy file; exit 0 when all are valid, 2 with every problem listed otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every policy file and report every problem with file and field.")
public class ValidateCommand implements Callable<Integer> {

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
            description = "Folder of policy files (default: ${DEFAULT-VALUE}).")
    Path policies;

    @Override
    public Integer call() {
        List<ServicePolicy> loaded = new PolicyLoader(Set.copyOf(HolidayCalendar.COUNTRIES)).loadAll(policies);
        for (ServicePolicy p : loaded) {
            System.out.println("ok " + p.source() + " " + p.key() + " target=" + p.target().kind().id());
        }
        System.out.println(loaded.size() + " policies valid");
        return 0;
    }
}

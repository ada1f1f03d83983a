package io.prewarm.cli;

import io.prewarm.policy.ServicePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** Checks every policy file; exit 0 when all are valid, 2 with every problem listed otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every policy file and report every problem with file and field.")
public class ValidateCommand implements Callable<Integer> {

    @Mixin
    PolicyOptions policies;

    @Override
    public Integer call() {
        List<ServicePolicy> loaded = policies.load();
        for (ServicePolicy p : loaded) {
            System.out.println("ok " + p.source() + " " + p.key() + " target=" + p.target().kind().id());
        }
        System.out.println(loaded.size() + " policies valid");
        return 0;
    }
}

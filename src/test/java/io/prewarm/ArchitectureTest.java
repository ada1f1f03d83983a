package io.prewarm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Keeps the package table of DESIGN.md true: data flows one way, each stage imports only upstream. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.prewarm");
    }

    @Test
    void stagesOnlyImportWhatDesignAllows() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("common").definedBy("io.prewarm.common..")
                .layer("chart").definedBy("io.prewarm.chart..")
                .layer("policy").definedBy("io.prewarm.policy..")
                .layer("metrics").definedBy("io.prewarm.metrics..")
                .layer("forecast").definedBy("io.prewarm.forecast..")
                .layer("plan").definedBy("io.prewarm.plan..")
                .layer("render").definedBy("io.prewarm.render..")
                .layer("gitops").definedBy("io.prewarm.gitops..")
                .layer("override").definedBy("io.prewarm.override..")
                .layer("pipeline").definedBy("io.prewarm.pipeline..")
                .layer("emergency").definedBy("io.prewarm.emergency..")
                .layer("console").definedBy("io.prewarm.console..")
                .layer("backtest").definedBy("io.prewarm.backtest..")
                .layer("telemetry").definedBy("io.prewarm.telemetry..")
                .layer("cli").definedBy("io.prewarm.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("telemetry").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("console").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("chart").mayOnlyBeAccessedByLayers("backtest", "console")
                .whereLayer("emergency").mayOnlyBeAccessedByLayers("cli", "console")
                .whereLayer("backtest").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cli", "emergency", "console", "telemetry")
                .whereLayer("override").mayOnlyBeAccessedByLayers("pipeline", "emergency", "cli", "telemetry")
                .whereLayer("gitops").mayOnlyBeAccessedByLayers("override", "pipeline", "emergency", "console", "cli",
                        "telemetry")
                .whereLayer("render").mayOnlyBeAccessedByLayers("gitops", "override", "pipeline", "emergency", "console",
                        "cli", "telemetry")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("render", "gitops", "override", "pipeline", "emergency",
                        "console", "backtest", "cli", "telemetry")
                .whereLayer("forecast").mayOnlyBeAccessedByLayers("plan", "pipeline", "backtest", "cli", "telemetry")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("forecast", "plan", "pipeline", "backtest", "cli",
                        "telemetry", "emergency", "console")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("metrics", "plan", "pipeline", "emergency", "console",
                        "backtest", "cli", "telemetry")
                .ensureAllClassesAreContainedInArchitectureIgnoring("io.prewarm");
        rule.check(classes);
    }

    @Test
    void noBenchmarkCodeIsInTheShippedClasses() {
        // benchmarks live in src/bench/java (a test source folder): never in the jar or the image
        noClasses().should().resideInAnyPackage("..bench..")
                .because("benchmarks belong in src/bench/java, which is compiled and run only by Maven's test phase")
                .check(classes);
    }
}

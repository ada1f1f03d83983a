package io.prewarm.console;

import io.quarkus.qute.RawString;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.prewarm.chart.SvgWriter.fmt;

/**
 * The console page as HTML, rendered from the Qute templates {@code templates/console/page.html} and
 * {@code error.html}: status rendered on the server so it reads without JavaScript, the action buttons hidden
 * until the script (served as a file, so the Content-Security-Policy allows no inline script) reveals them.
 * The templates escape every value they print (see {@link ConsoleTemplates}); this class only shapes the
 * model into what they show. Deterministic: the same model gives the same bytes.
 */
public final class ConsolePage {
    private ConsolePage() {
    }

    public static String render(ConsoleModel m) {
        List<ServiceView> services = m.services().stream().map(s -> view(m.now(), s)).toList();
        Map<String, List<ServiceView>> byEnv = new LinkedHashMap<>();
        services.forEach(v -> byEnv.computeIfAbsent(v.s().environment(), e -> new ArrayList<>()).add(v));
        List<Environment> environments = byEnv.entrySet().stream()
                .map(e -> new Environment(e.getKey(), "env-" + slug(e.getKey()), e.getValue())).toList();
        return ConsoleTemplates.PAGE.data("now", m.now()).data("pipelines", m.pipelines())
                .data("lastPlan", m.lastPlan()).data("services", services).data("environments", environments).render();
    }

    /** A page for a console that cannot show status (not started, rate limited). */
    public static String error(int status, String message) {
        return ConsoleTemplates.ERROR.data("status", status).data("message", message).render();
    }

    /** An environment's section: its services in page order. */
    public record Environment(String name, String id, List<ServiceView> services) {
    }

    /**
     * A service as the template shows it.
     *
     * @param s         the service
     * @param id        its element id
     * @param suggested the count a freeze locks when serve cannot read one
     * @param freeze    the freeze in force, if any
     * @param floor     the emergency floor in force, if any
     * @param next      the plan's next scheduled change, if any
     * @param chart     the chart's SVG (already escaped), or null when there is nothing to draw
     * @param legend    the chart's legend
     * @param unit      what the chart's demand is measured in
     */
    public record ServiceView(ConsoleModel.Service s, String id, int suggested, Optional<ConsoleModel.Override> freeze,
                              Optional<ConsoleModel.Override> floor, Optional<ConsoleModel.Change> next, RawString chart,
                              List<Legend> legend, String unit) {
    }

    /** One legend entry: the CSS class of its swatch and its text. */
    public record Legend(String cls, String text) {
    }

    private static ServiceView view(Instant now, ConsoleModel.Service s) {
        String id = "svc-" + slug(s.environment()) + "--" + slug(s.name());
        Optional<ConsoleModel.Override> floor = s.overrides().stream().filter(o -> o.kind().equals("scale-up")).findFirst();
        Optional<ConsoleModel.Chart> chart = s.chart();
        return new ServiceView(s, id, suggestedCount(s), s.freeze(), floor, s.plan().flatMap(ConsoleModel.Plan::next),
                chart.map(c -> new RawString(ConsoleChart.render(id + "-chart", "Demand, forecast and planned capacity of "
                        + s.key(), now, c))).orElse(null),
                chart.map(ConsolePage::legend).orElse(List.of()), chart.map(ConsoleModel.Chart::unit).orElse(""));
    }

    private static List<Legend> legend(ConsoleModel.Chart c) {
        List<Legend> keys = new ArrayList<>();
        c.demand().ifPresent(x -> keys.add(new Legend("demand", "observed demand")));
        c.forecast().ifPresent(x -> keys.add(new Legend("forecast", "forecast")));
        c.upper().ifPresent(x -> keys.add(new Legend("upper", "upper forecast")));
        c.capacity().ifPresent(x -> keys.add(new Legend("capacity", "planned capacity" + (c.perInstance() > 0
                ? " (instances × " + fmt(c.perInstance()) + ")" : ""))));
        if (!c.pins().isEmpty()) {
            keys.add(new Legend("pin", "freeze or emergency floor"));
        }
        return keys;
    }

    /** The count a freeze locks when serve cannot read one: an emergency floor in force, else the schedule's floor now. */
    static int suggestedCount(ConsoleModel.Service s) {
        return s.overrides().stream().filter(o -> o.kind().equals("freeze")).map(ConsoleModel.Override::count).findFirst()
                .or(() -> s.overrides().stream().filter(o -> o.kind().equals("scale-up")).map(ConsoleModel.Override::count)
                        .findFirst().map(c -> Math.max(c, s.plan().map(ConsoleModel.Plan::scheduledNow).orElse(c))))
                .orElse(s.plan().map(ConsoleModel.Plan::scheduledNow).orElse(s.min()));
    }

    /** An id fragment: service keys are already lowercase letters, digits and '-', anything else is dropped. */
    static String slug(String s) {
        return s.replaceAll("[^a-z0-9-]", "_");
    }

}

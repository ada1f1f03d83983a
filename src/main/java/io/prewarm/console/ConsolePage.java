package io.prewarm.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.prewarm.chart.SvgWriter.escape;
import static io.prewarm.chart.SvgWriter.fmt;

/**
 * The console page as HTML: status rendered on the server so it reads without JavaScript, the action
 * buttons hidden until the script (served as a file, so the Content-Security-Policy allows no inline
 * script) reveals them. Every value that comes from a request, a commit or a policy is escaped.
 * Deterministic: the same model gives the same bytes.
 */
public final class ConsolePage {
    /** Where the page's script and stylesheet are served. */
    public static final String ASSETS = "/console/assets/";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ConsolePage() {
    }

    public static String render(ConsoleModel m) {
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<title>prewarm console</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(ASSETS).append("console.css\">\n")
                .append("<link rel=\"icon\" href=\"").append(ASSETS).append("favicon.svg\" type=\"image/svg+xml\">\n")
                .append("<script src=\"").append(ASSETS).append("console.js\" defer></script>\n</head>\n<body>\n");
        b.append("<a class=\"skip\" href=\"#services\">Skip to services</a>\n");
        b.append("<header class=\"top\">\n<h1>prewarm console</h1>\n<p>Status at ").append(time(m.now()))
                .append(" · <a href=\"/console\">Refresh</a> · pipeline triggers ")
                .append(m.pipelines() ? "on" : "off (GitLab not configured)").append("</p>\n");
        tokenForm(b);
        b.append("</header>\n<main id=\"services\">\n");
        lastPlan(b, m.lastPlan());
        overview(b, m.services());
        Map<String, List<ConsoleModel.Service>> byEnv = new LinkedHashMap<>();
        m.services().forEach(s -> byEnv.computeIfAbsent(s.environment(), e -> new java.util.ArrayList<>()).add(s));
        if (byEnv.isEmpty()) {
            b.append("<p>No services: serve was started without policies.</p>\n");
        }
        for (Map.Entry<String, List<ConsoleModel.Service>> env : byEnv.entrySet()) {
            String envId = "env-" + slug(env.getKey());
            b.append("<section class=\"env\" aria-labelledby=\"").append(envId).append("\">\n<h2 id=\"").append(envId)
                    .append("\">Environment ").append(escape(env.getKey())).append("</h2>\n");
            for (ConsoleModel.Service s : env.getValue()) {
                service(b, m.now(), s);
            }
            b.append("</section>\n");
        }
        b.append("</main>\n");
        dialog(b);
        b.append("<footer><p>Status is read from the GitOps repository serve follows (refreshed every few seconds to "
                + "minutes). Actions call <code>/v1/emergency</code> with your token.</p></footer>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** A page for a console that cannot show status (not started, rate limited). */
    public static String error(int status, String message) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>prewarm console: " + status + "</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + ASSETS + "console.css\">\n"
                + "<link rel=\"icon\" href=\"" + ASSETS + "favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n<main>\n"
                + "<h1>prewarm console</h1>\n<p role=\"alert\">" + status + ": " + escape(message) + "</p>\n"
                + "<p><a href=\"/console\">Try again</a></p>\n</main>\n</body>\n</html>\n";
    }

    /** The one dialog every action uses; the script fills in the service and what will happen. */
    private static void dialog(StringBuilder b) {
        b.append("<dialog id=\"act-dialog\" aria-labelledby=\"dlg-title\" aria-describedby=\"dlg-what\">\n")
                .append("<form id=\"dlg-form\" novalidate>\n<h2 id=\"dlg-title\">Action</h2>\n")
                .append("<p id=\"dlg-what\"></p>\n")
                .append("<div id=\"dlg-token-box\" hidden><label for=\"dlg-token\">API token</label>")
                .append("<input id=\"dlg-token\" type=\"password\" autocomplete=\"off\" spellcheck=\"false\"></div>\n")
                .append("<div id=\"dlg-count-box\" hidden><label for=\"dlg-count\">Instances to lock</label>")
                .append("<input id=\"dlg-count\" type=\"number\" min=\"0\" max=\"100000\" inputmode=\"numeric\" ")
                .append("aria-describedby=\"dlg-count-help\"><p id=\"dlg-count-help\" class=\"hint\"></p></div>\n")
                .append("<fieldset id=\"dlg-scale-box\" hidden><legend>Scale up</legend>\n")
                .append("<input type=\"radio\" name=\"mode\" id=\"dlg-mode-step\" value=\"step\" checked>")
                .append("<label for=\"dlg-mode-step\">by a step</label>\n")
                .append("<input type=\"radio\" name=\"mode\" id=\"dlg-mode-target\" value=\"target\">")
                .append("<label for=\"dlg-mode-target\">to a number of instances</label>\n")
                .append("<label for=\"dlg-step\">Step <span class=\"hint\">(+20%, +50%, +4)</span></label>")
                .append("<input id=\"dlg-step\" type=\"text\" value=\"+20%\" maxlength=\"20\">\n")
                .append("<div id=\"dlg-current-box\"><label for=\"dlg-current\">Running now <span class=\"hint\">")
                .append("(the step starts here; serve cannot read it)</span></label>")
                .append("<input id=\"dlg-current\" type=\"number\" min=\"0\" max=\"100000\" inputmode=\"numeric\"></div>\n")
                .append("<label for=\"dlg-target\">Target instances</label>")
                .append("<input id=\"dlg-target\" type=\"number\" min=\"1\" max=\"100000\" inputmode=\"numeric\" disabled>\n")
                .append("</fieldset>\n")
                .append("<div id=\"dlg-ttl-box\"><label for=\"dlg-ttl\">For how long <span class=\"hint\" id=\"dlg-ttl-hint\">")
                .append("(optional: 90m, 2h, 1d)</span></label><input id=\"dlg-ttl\" type=\"text\" maxlength=\"40\"></div>\n")
                .append("<label for=\"dlg-reason\">Reason <span class=\"hint\">(required, one line, recorded in the commit)</span>")
                .append("</label><input id=\"dlg-reason\" type=\"text\" maxlength=\"500\" required>\n")
                .append("<p id=\"dlg-error\" class=\"dlg-error\" role=\"alert\"></p>\n")
                .append("<div class=\"dlg-buttons\"><button type=\"button\" id=\"dlg-cancel\">Cancel</button>")
                .append("<button type=\"submit\" id=\"dlg-ok\" class=\"primary\">Confirm</button></div>\n")
                .append("</form>\n</dialog>\n");
    }

    private static void tokenForm(StringBuilder b) {
        b.append("<form id=\"token-form\" class=\"token js-only\" hidden autocomplete=\"off\">\n")
                .append("<label for=\"token-input\">API token</label>\n")
                .append("<input id=\"token-input\" name=\"token\" type=\"password\" autocomplete=\"off\" spellcheck=\"false\" ")
                .append("aria-describedby=\"token-help\">\n")
                .append("<label for=\"actor-input\">Your name <span class=\"hint\">(optional, recorded)</span></label>\n")
                .append("<input id=\"actor-input\" name=\"actor\" type=\"text\" maxlength=\"100\" autocomplete=\"name\">\n")
                .append("<button type=\"submit\">Use token</button>\n")
                .append("<button type=\"button\" id=\"token-forget\">Forget token</button>\n")
                .append("<p id=\"token-help\" class=\"hint\">Kept in this tab's session storage only, never in a URL. "
                        + "Needed for actions, not for reading.</p>\n")
                .append("<p id=\"token-state\" role=\"status\"></p>\n</form>\n")
                .append("<noscript><p>Actions need JavaScript; the status below does not.</p></noscript>\n");
    }

    /** Every service on one screen: what it runs at now and whether something overrides the plan. */
    private static void overview(StringBuilder b, List<ConsoleModel.Service> services) {
        if (services.isEmpty()) {
            return;
        }
        b.append("<section class=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">At a glance</h2>\n")
                .append("<table class=\"glance\">\n<thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Target</th>")
                .append("<th scope=\"col\">Planned now</th><th scope=\"col\">Next change</th><th scope=\"col\">Override</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (ConsoleModel.Service s : services) {
            String id = "svc-" + slug(s.environment()) + "--" + slug(s.name());
            b.append("<tr><th scope=\"row\"><a href=\"#").append(id).append("\">").append(escape(s.key()))
                    .append("</a></th><td data-label=\"target\">").append(escape(s.targetKind()))
                    .append("</td><td data-label=\"planned now\">")
                    .append(s.plan().map(p -> Integer.toString(p.scheduledNow())).orElse("no plan"))
                    .append("</td><td data-label=\"next\">")
                    .append(s.plan().flatMap(ConsoleModel.Plan::next).map(c -> time(c.at()) + " → " + c.min()).orElse("–"))
                    .append("</td><td data-label=\"override\">");
            if (s.overrides().isEmpty()) {
                b.append("none");
            } else {
                b.append(String.join(", ", s.overrides().stream().map(o -> "<strong>" + (o.kind().equals("freeze")
                        ? "frozen at " : "floor ") + o.count() + "</strong>").toList()));
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void lastPlan(StringBuilder b, Optional<ConsoleModel.LastPlan> last) {
        b.append("<section class=\"lastplan\" aria-labelledby=\"lastplan-h\">\n<h2 id=\"lastplan-h\">Last plan run</h2>\n");
        if (last.isEmpty()) {
            b.append("<p>No plan commit on the base branch yet (or older than the history serve reads).</p>\n");
        } else {
            ConsoleModel.LastPlan p = last.get();
            b.append("<p>").append(escape(p.subject())).append(" · commit <code>").append(shortSha(p.commit()))
                    .append("</code>");
            p.branch().ifPresent(br -> b.append(" · branch <code>").append(escape(br)).append("</code>"));
            if (p.mergeRequestUrl().isPresent()) {
                b.append(" · <a href=\"").append(escape(p.mergeRequestUrl().get())).append("\" rel=\"noreferrer\">")
                        .append(escape(p.mergeRequest().orElse("merge request"))).append("</a>");
            } else {
                p.mergeRequest().ifPresent(mr -> b.append(" · merge request ").append(escape(mr)));
            }
            b.append("</p>\n");
        }
        b.append("</section>\n");
    }

    private static void service(StringBuilder b, Instant now, ConsoleModel.Service s) {
        String id = "svc-" + slug(s.environment()) + "--" + slug(s.name());
        Optional<ConsoleModel.Override> freeze = s.freeze();
        int suggested = suggestedCount(s);
        b.append("<article class=\"svc").append(freeze.isPresent() ? " frozen" : "").append("\" id=\"").append(id)
                .append("\" aria-labelledby=\"").append(id).append("-h\" data-environment=\"").append(escape(s.environment()))
                .append("\" data-service=\"").append(escape(s.name())).append("\" data-max=\"").append(s.max())
                .append("\" data-count=\"").append(suggested).append("\" data-live-count=\"").append(s.liveCount())
                .append("\" data-frozen=\"").append(freeze.isPresent()).append("\">\n");
        b.append("<h3 id=\"").append(id).append("-h\">").append(escape(s.key()));
        freeze.ifPresent(f -> b.append(" <span class=\"badge frozen-badge\">frozen at ").append(f.count()).append("</span>"));
        s.overrides().stream().filter(o -> o.kind().equals("scale-up")).findFirst().ifPresent(o ->
                b.append(" <span class=\"badge floor-badge\">emergency floor ").append(o.count()).append("</span>"));
        b.append("</h3>\n<div class=\"status\">\n<dl class=\"facts\">\n");
        fact(b, "Target", escape(s.targetKind()) + " <code>" + escape(s.targetName()) + "</code>");
        fact(b, "Policy limits", "min " + s.min() + " · max " + s.max());
        if (s.plan().isPresent()) {
            ConsoleModel.Plan p = s.plan().get();
            fact(b, "Planned capacity now", "<strong class=\"now-count\">" + p.scheduledNow() + "</strong> instances "
                    + "(scheduled floor; limits " + p.min() + "–" + p.max() + ")");
            fact(b, "Why", "<span class=\"why-now\">" + escape(p.why()) + "</span>");
            fact(b, "Next scheduled change", p.next().map(c -> time(c.at()) + " (" + escape(c.local()) + ") → min "
                    + c.min() + ", max " + c.max() + " <span class=\"reason\">" + escape(c.reason()) + "</span>")
                    .orElse("none scheduled"));
            fact(b, "Weekly peak", escape(p.peak()));
            fact(b, "Plan", p.actions() + " scheduled actions · model " + escape(p.model())
                    + p.plannedAt().map(t -> " · planned " + time(t)).orElse("")
                    + p.branch().map(br -> " · branch <code>" + escape(br) + "</code>").orElse("")
                    + p.mergeRequestUrl().map(u -> " · <a href=\"" + escape(u) + "\" rel=\"noreferrer\">merge request</a>")
                    .orElse(""));
        } else {
            fact(b, "Plan", "no plan committed yet");
        }
        b.append("</dl>\n");
        overrides(b, id, s.overrides());
        if (!s.note().isEmpty()) {
            b.append("<p class=\"note\">").append(escape(s.note())).append("</p>\n");
        }
        s.chart().ifPresent(c -> chart(b, id, now, s, c));
        b.append("</div>\n");
        b.append("<div class=\"actions js-only\" hidden>\n")
                .append("<button type=\"button\" class=\"act\" data-action=\"freeze\"")
                .append(freeze.isPresent() ? " disabled" : "").append(">Freeze</button>\n")
                .append("<button type=\"button\" class=\"act\" data-action=\"unfreeze\"")
                .append(freeze.isPresent() ? "" : " disabled").append(">Unfreeze</button>\n")
                .append("<button type=\"button\" class=\"act\" data-action=\"scale-up\"")
                .append(freeze.isPresent() ? " disabled title=\"frozen: unfreeze first\"" : "").append(">Scale up</button>\n")
                .append("</div>\n<div class=\"progress\" role=\"status\" aria-live=\"polite\"></div>\n</article>\n");
    }

    /** The count a freeze locks when serve cannot read one: an emergency floor in force, else the schedule's floor now. */
    static int suggestedCount(ConsoleModel.Service s) {
        return s.overrides().stream().filter(o -> o.kind().equals("freeze")).map(ConsoleModel.Override::count).findFirst()
                .or(() -> s.overrides().stream().filter(o -> o.kind().equals("scale-up")).map(ConsoleModel.Override::count)
                        .findFirst().map(c -> Math.max(c, s.plan().map(ConsoleModel.Plan::scheduledNow).orElse(c))))
                .orElse(s.plan().map(ConsoleModel.Plan::scheduledNow).orElse(s.min()));
    }

    private static void overrides(StringBuilder b, String id, List<ConsoleModel.Override> list) {
        if (list.isEmpty()) {
            b.append("<p class=\"overrides-none\">No freeze or emergency floor in force.</p>\n");
            return;
        }
        b.append("<table class=\"overrides\">\n<caption>Freezes and emergency floors in force</caption>\n")
                .append("<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Count</th><th scope=\"col\">Who</th>")
                .append("<th scope=\"col\">Why</th><th scope=\"col\">Since</th><th scope=\"col\">Expires</th>")
                .append("<th scope=\"col\">Commit</th><th scope=\"col\">Action id</th></tr></thead>\n<tbody>\n");
        for (ConsoleModel.Override o : list) {
            b.append("<tr><td>").append(o.kind().equals("freeze") ? "freeze" : "emergency floor").append("</td><td>")
                    .append(o.count()).append("</td><td>").append(escape(o.actor())).append("</td><td class=\"why\">")
                    .append(escape(o.reason())).append("</td><td>").append(time(o.createdAt())).append("</td><td>")
                    .append(o.expiresAt().map(ConsolePage::time).orElse("until unfrozen")).append("</td><td>")
                    .append(o.commit().map(c -> "<code class=\"commit\">" + shortSha(c) + "</code>").orElse("–"))
                    .append("</td><td><code>").append(escape(o.id())).append("</code></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void chart(StringBuilder b, String id, Instant now, ConsoleModel.Service s, ConsoleModel.Chart c) {
        b.append("<figure class=\"chart-box\">\n").append(ConsoleChart.render(id + "-chart", "Demand, forecast and planned "
                + "capacity of " + s.key(), now, c)).append("\n<figcaption>");
        if (c.demand().isPresent()) {
            legend(b, "demand", "observed demand");
        }
        if (c.forecast().isPresent()) {
            legend(b, "forecast", "forecast");
        }
        if (c.upper().isPresent()) {
            legend(b, "upper", "upper forecast");
        }
        if (c.capacity().isPresent()) {
            legend(b, "capacity", "planned capacity" + (c.perInstance() > 0 ? " (instances × "
                    + fmt(c.perInstance()) + ")" : ""));
        }
        if (!c.pins().isEmpty()) {
            legend(b, "pin", "freeze or emergency floor");
        }
        b.append("<span class=\"unit\">in ").append(escape(c.unit())).append(", times in UTC</span></figcaption>\n</figure>\n");
    }

    private static void legend(StringBuilder b, String cls, String text) {
        b.append("<span class=\"key ").append(cls).append("\">").append(escape(text)).append("</span> ");
    }

    private static void fact(StringBuilder b, String name, String html) {
        b.append("<div><dt>").append(name).append("</dt><dd>").append(html).append("</dd></div>\n");
    }

    static String time(Instant t) {
        return "<time datetime=\"" + t + "\">" + UTC.format(t) + "</time>";
    }

    private static String shortSha(String c) {
        return escape(c.length() > 12 ? c.substring(0, 12) : c);
    }

    /** An id fragment: service keys are already lowercase letters, digits and '-', anything else is dropped. */
    static String slug(String s) {
        return s.replaceAll("[^a-z0-9-]", "_");
    }

}

package io.prewarm.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolePageTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String EVIL = "<img src=x onerror=alert(1)>\"'&";

    static ConsoleModel model(String reason, String actor) {
        ConsoleModel.Override freeze = new ConsoleModel.Override("freeze", "em-1-abc", 12, actor, reason,
                NOW.minus(Duration.ofHours(1)), Optional.empty(), Optional.of("0123456789abcdef0123"));
        ConsoleModel.Plan plan = new ConsoleModel.Plan("Europe/Berlin", 4, 60, 4, "MIN_LIMIT: policy minimum 4", "14 from Mon 09:00 (Europe/Berlin)",
                Optional.of(new ConsoleModel.Change(Instant.parse("2026-11-28T21:00:00Z"), "Sat 22:00 CET", 4, 60,
                        "MIN_LIMIT")), 5, "gbm", Optional.of(NOW.minus(Duration.ofHours(6))),
                Optional.of("prewarm/plan-2026-11-28"), Optional.of("https://gitlab.example.com/ops/gitops/-/merge_requests/42"),
                100);
        ConsoleModel.Series cap = new ConsoleModel.Series(NOW.minus(Duration.ofDays(3)), Duration.ofHours(1),
                java.util.Collections.nCopies(24 * 5, 400.0));
        ConsoleModel.Chart chart = new ConsoleModel.Chart(NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(2)),
                "demand units", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cap), 100,
                List.of(new ConsoleModel.Pin("freeze at 12", 1200, NOW.minus(Duration.ofHours(1)), Optional.empty())));
        ConsoleModel.Service frozen = new ConsoleModel.Service("prod", "checkout", "aws-asg", "checkout-prod", 4, 60,
                Optional.of(plan), List.of(freeze), Optional.of(chart), "", false);
        ConsoleModel.Service bare = new ConsoleModel.Service("prod", "search", "kubernetes-keda", "search", 2, 40,
                Optional.empty(), List.of(), Optional.empty(), "No plan file committed yet.", true);
        return new ConsoleModel(NOW, false, Optional.of(new ConsoleModel.LastPlan("feedc0ffee0123", "Merge <b>bold</b>",
                Optional.of("prewarm/plan-2026-11-28"), Optional.of("ops/gitops!42"),
                Optional.of("https://gitlab.example.com/ops/gitops/-/merge_requests/42\"><script>"))), List.of(frozen, bare));
    }

    @Test
    void escapesReasonsActorsAndEverythingFromGit() {
        String html = ConsolePage.render(model(EVIL, "ops (" + EVIL + ")"));

        assertThat(html).doesNotContain("<img", "<b>bold", "\"><script>");
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
        assertThat(html).contains("ops (&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;)");
        assertThat(html).contains("Merge &lt;b&gt;bold&lt;/b&gt;");
        assertThat(html).contains("merge_requests/42&quot;&gt;&lt;script&gt;");
    }

    @Test
    void templateEscapesAScriptInAServiceNameAndReasonButKeepsTheChartSvgRaw() {
        String hostile = "<script>alert(\"x\")</script>";
        ConsoleModel m = model(hostile, "alice");
        ConsoleModel.Service base = m.services().get(0);
        ConsoleModel.Override floor = new ConsoleModel.Override("scale-up", "em-2-\"q", 20, "bob", "floor " + hostile,
                NOW, Optional.of(NOW.plus(Duration.ofHours(2))), Optional.empty());
        ConsoleModel.Service named = new ConsoleModel.Service("prod", "web" + hostile, "aws-asg", "asg\"" + hostile, 1, 9,
                base.plan(), List.of(floor), base.chart(), "bell\u0007 " + hostile, false);
        String html = ConsolePage.render(new ConsoleModel(NOW, true, m.lastPlan(), List.of(base, named)));

        assertThat(html).doesNotContain("<script>", "alert(\"x\")", "\u0007");
        assertThat(html).contains("data-service=\"web&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\"",
                "<td class=\"why\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>",
                "<td class=\"why\">floor &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>",
                "<code>asg&quot;&lt;script&gt;", "<code>em-2-&quot;q</code>",
                "<p class=\"note\">bell\uFFFD &lt;script&gt;", "<span class=\"badge floor-badge\">emergency floor 20</span>",
                "<td data-label=\"override\"><strong>floor 20</strong></td>");
        assertThat(html).as("the chart is inserted as markup, its title escaped once by the SVG writer")
                .contains("<figure class=\"chart-box\">\n<svg class=\"chart\"",
                        "capacity of prod/web&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>")
                .doesNotContain("&amp;lt;", "&lt;svg");
    }

    @Test
    void hasNoInlineScriptStyleOrHandlerSoTheContentSecurityPolicyCanForbidThem() {
        String html = ConsolePage.render(model("bad deploy", "alice"));

        assertThat(html).containsOnlyOnce("<script");
        assertThat(html).contains("<script src=\"/console/assets/console.js\" defer></script>");
        assertThat(html).doesNotContainPattern("\\son[a-z]+=");
        assertThat(html).doesNotContain("style=", "javascript:", "src=\"http", "src=\"//", "stylesheet\" href=\"http");
    }

    @Test
    void statusIsInTheMarkupWithoutScriptWhileTheButtonsWaitForIt() {
        String html = ConsolePage.render(model("bad deploy", "alice"));

        assertThat(html).contains("Planned capacity now", "<strong class=\"now-count\">4</strong>", "Sat 22:00 CET",
                "frozen at 12", "bad deploy", "0123456789ab", "until unfrozen", "ops/gitops!42",
                "<a href=\"https://gitlab.example.com/ops/gitops/-/merge_requests/42\" rel=\"noreferrer\">merge request</a>");
        assertThat(html).contains("<div class=\"actions js-only\" hidden>");
        assertThat(html).contains("<h2 id=\"overview-h\">At a glance</h2>",
                "<a href=\"#svc-prod--checkout\">prod/checkout</a>", "<strong>frozen at 12</strong>", "MIN_LIMIT: policy minimum 4");
        assertThat(html).contains("data-action=\"freeze\" disabled", "data-action=\"unfreeze\">");
        assertThat(html).contains("No plan file committed yet.", "data-live-count=\"true\"");
        assertThat(html).contains("freeze or emergency floor", "planned capacity (instances × 100.0)")
                .doesNotContain("class=\"key demand\"", "class=\"key upper\"");
    }

    @Test
    void theSameModelGivesTheSameBytes() {
        assertThat(ConsolePage.render(model("r", "a"))).isEqualTo(ConsolePage.render(model("r", "a")));
    }

    @Test
    void aFreezeLocksTheFrozenCountElseTheScheduledFloorOrAnEmergencyFloorAboveIt() {
        ConsoleModel m = model("r", "a");
        assertThat(ConsolePage.suggestedCount(m.services().get(0))).isEqualTo(12);
        assertThat(ConsolePage.suggestedCount(m.services().get(1))).as("no plan: the policy minimum").isEqualTo(2);
        ConsoleModel.Service floored = new ConsoleModel.Service("prod", "x", "aws-asg", "x", 2, 40,
                m.services().get(0).plan(), List.of(new ConsoleModel.Override("scale-up", "em-2", 30, "a", "r", NOW,
                Optional.of(NOW.plus(Duration.ofHours(2))), Optional.empty())), Optional.empty(), "", false);
        assertThat(ConsolePage.suggestedCount(floored)).isEqualTo(30);
    }

    @Test
    void errorPageEscapesItsMessage() {
        assertThat(ConsolePage.error(429, "too many requests from <x>")).contains("429: too many requests from &lt;x&gt;");
    }
}

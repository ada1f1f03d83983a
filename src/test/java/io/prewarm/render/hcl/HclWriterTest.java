package io.prewarm.render.hcl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HclWriterTest {

    @Test
    void alignsEqualsAcrossConsecutiveOneLineAttributes() {
        HclBody file = new HclBody();
        HclBody r = file.block("resource", "aws_autoscaling_schedule", "a");
        r.attribute("min_size", 1).attribute("desired_capacity", -1).attribute("recurrence", "0 9 * * 1-5");

        assertThat(HclWriter.write(file)).isEqualTo("""
                resource "aws_autoscaling_schedule" "a" {
                  min_size         = 1
                  desired_capacity = -1
                  recurrence       = "0 9 * * 1-5"
                }
                """);
    }

    @Test
    void blankLinesNestedBlocksAndMultiLineValuesBreakTheAlignmentRun() {
        HclBody file = new HclBody();
        HclBody r = file.block("resource", "x", "y");
        r.attribute("a", 1).attribute("longer_name", 2).blank().attribute("b", 3);
        r.attribute("object", HclExpr.object().put("k", "v").put("longer", 1));
        r.attribute("c", 4);
        r.block("nested").attribute("inner", true);
        r.attribute("d", 5);

        assertThat(HclWriter.write(file)).isEqualTo("""
                resource "x" "y" {
                  a           = 1
                  longer_name = 2

                  b = 3
                  object = {
                    k      = "v"
                    longer = 1
                  }
                  c = 4

                  nested {
                    inner = true
                  }

                  d = 5
                }
                """);
    }

    @Test
    void separatesTopLevelBlocksWithOneBlankLineAndKeepsCommentsAttached() {
        HclBody file = new HclBody();
        file.comment("header");
        file.blank();
        file.commentedBlock(List.of("why: line\nbreak"), "variable", "a").attribute("type", HclExpr.ref("string"));
        file.block("variable", "b");

        assertThat(HclWriter.write(file)).isEqualTo("""
                # header

                # why: line break
                variable "a" {
                  type = string
                }

                variable "b" {}
                """);
    }

    @Test
    void writesListsOfObjectsOneItemPerLineWithTrailingCommas() {
        HclBody file = new HclBody();
        file.attribute("triggers", HclExpr.list(List.of(
                HclExpr.object().put("type", "cron").put("metadata", HclExpr.object().put("start", "0 9 * * *")),
                HclExpr.object().put("type", "x").compact())));
        file.attribute("fields", HclExpr.stringList(List.of("a", "b")));

        assertThat(HclWriter.write(file)).isEqualTo("""
                triggers = [
                  {
                    type = "cron"
                    metadata = {
                      start = "0 9 * * *"
                    }
                  },
                  { type = "x" },
                ]
                fields = ["a", "b"]
                """);
    }

    @Test
    void quotesObjectKeysThatAreNotIdentifiers() {
        HclBody file = new HclBody();
        file.attribute("annotations", HclExpr.object().put("autoscaling.keda.sh/paused", "true").put("a", "b"));

        assertThat(HclWriter.write(file)).isEqualTo("""
                annotations = {
                  "autoscaling.keda.sh/paused" = "true"
                  a                            = "b"
                }
                """);
    }

    @Test
    void escapesQuotesBackslashesNewlinesAndTemplateSequencesInStrings() {
        assertThat(HclStrings.quote("say \"hi\"\\")).isEqualTo("\"say \\\"hi\\\"\\\\\"");
        assertThat(HclStrings.quote("a\nb\tc\r")).isEqualTo("\"a\\nb\\tc\\r\"");
        assertThat(HclStrings.quote("${var.secret} %{ if x }")).isEqualTo("\"$${var.secret} %%{ if x }\"");
        assertThat(HclStrings.quote("$${already}")).isEqualTo("\"$$${already}\"");
        assertThat(HclStrings.quote("cost $5 and 50% off")).isEqualTo("\"cost $5 and 50% off\"");
        assertThat(HclStrings.quote("bell\u0007")).isEqualTo("\"bell\\u0007\"");
    }

    @Test
    void writesNumbersWithoutExponentsOrTrailingZeros() {
        assertThat(HclExpr.number(0.6).inline()).isEqualTo("0.6");
        assertThat(HclExpr.number(20.0).inline()).isEqualTo("20");
        assertThat(HclExpr.number(1e-7).inline()).isEqualTo("0.0000001");
        assertThat(HclExpr.number(1e12).inline()).isEqualTo("1000000000000");
        assertThatThrownBy(() -> HclExpr.number(Double.NaN)).hasMessageContaining("not finite");
    }

    @Test
    void rejectsReferencesAndNamesThatCouldInjectSyntax() {
        assertThatThrownBy(() -> HclExpr.ref("var.x }\nresource")).hasMessageContaining("not a traversal");
        assertThatThrownBy(() -> new HclBody().attribute("a = 1 #", 1)).hasMessageContaining("not an identifier");
        assertThat(HclStrings.label("weekday-0850")).isEqualTo("weekday_0850");
        assertThat(HclStrings.label("2026-12-24")).isEqualTo("_2026_12_24");
    }
}

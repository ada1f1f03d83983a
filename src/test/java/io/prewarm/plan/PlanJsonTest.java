package io.prewarm.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prewarm.common.ReasonCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlanJsonTest {
    private static final Duration STEP = Duration.ofMinutes(5);

    private static CapacityPlan plan() {
        return new RulesPlanner().plan(new PlanInput(Fixtures.policy(),
                Fixtures.forecast(Fixtures.MONDAY, STEP, Fixtures.businessWeek(STEP, 300, 3000)), 3000,
                Optional.empty(), Fixtures.MONDAY));
    }

    @Test
    void treeHasTheDocumentedKeysInAStableOrder() {
        Map<String, Object> tree = PlanJson.toTree(plan());
        assertThat(tree.keySet()).containsExactly("environment", "service", "target", "zone", "policy", "forecast",
                "verticalFloor", "reasons", "actions", "timeline", "notes");
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) tree.get("policy");
        assertThat(policy.keySet()).containsExactly("min", "max", "policyMax", "safetyCap", "normalPeak",
                "normalPeakDemand", "prewarmLead", "scaleUpMinPercent", "scaleDownMaxPercent", "scaleDownCooldown",
                "perInstance", "headroom", "step");
    }

    @Test
    void jacksonWritesActionsAndTimelineThatOtherToolsCanRead() throws Exception {
        CapacityPlan plan = plan();
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(PlanJson.toTree(plan));
        JsonNode root = mapper.readTree(json);
        assertThat(root.get("policy").get("prewarmLead").asText()).isEqualTo("PT10M");
        JsonNode mon = null;
        for (JsonNode a : root.get("actions")) {
            if (a.get("name").asText().equals("mon-0850")) {
                mon = a;
            }
        }
        assertThat(mon).isNotNull();
        assertThat(mon.get("cron").asText()).isEqualTo("50 8 * * 1");
        assertThat(mon.has("time")).isFalse();
        assertThat(mon.get("zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(mon.get("min").asInt()).isEqualTo(30);
        assertThat(mon.get("desired").asInt()).isEqualTo(-1);
        assertThat(mon.get("reason").asText()).isEqualTo(ReasonCode.PREWARM.name());
        assertThat(root.get("timeline")).hasSize(plan.timeline().size());
        JsonNode first = root.get("timeline").get(0);
        assertThat(first.fieldNames().next()).isEqualTo("time");
        assertThat(first.get("capacity").asInt()).isEqualTo(plan.timeline().get(0).capacity());
        // the same plan prints the same bytes
        assertThat(mapper.writeValueAsString(PlanJson.toTree(plan()))).isEqualTo(json);
    }
}

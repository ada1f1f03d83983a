package io.prewarm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.plan.PlanJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code plan --output json}: one summary object; the format is documented in the README. */
final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    static String write(RunSummary s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", s.status().name());
        root.put("now", s.now().toString());
        root.put("repository", s.repository());
        root.put("branch", s.branch());
        root.put("commit", s.commit().orElse(null));
        root.put("published", s.published());
        root.put("dryRun", s.dryRun());
        root.put("error", s.error().orElse(null)); // e.g. the merge request step failed after the push
        List<Map<String, Object>> services = s.services().stream().map(SummaryJson::service).toList();
        root.put("services", services);
        s.diff().ifPresent(d -> root.put("diff", d));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the run summary: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> service(ServiceResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("environment", r.key().environment().value());
        m.put("service", r.key().service().value());
        m.put("status", r.status().name());
        m.put("reasons", r.reasons().stream().map(Enum::name).toList());
        m.put("files", r.files());
        m.put("message", r.message());
        m.put("history", Map.of("samples", r.historySamples(), "missing", r.historyMissing()));
        r.plan().ifPresent(p -> m.put("plan", PlanJson.toTree(p)));
        return m;
    }
}

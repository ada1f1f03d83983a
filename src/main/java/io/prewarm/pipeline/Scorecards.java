package io.prewarm.pipeline;

import io.prewarm.common.ServiceKey;
import io.prewarm.policy.ServicePolicy;
import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Backtests the policies of the services a run proposes to change, for the merge request. A replay is a
 * few dozen forecasts and plans, so only the first {@code max} changed services (in key order) are
 * replayed; the others, and any replay that fails, are named with the reason instead. A failed replay
 * never fails the run: the plan is already made, the scorecard is evidence for reviewers.
 */
final class Scorecards {
    private Scorecards() {
    }

    /**
     * @param cards the scorecards made
     * @param gaps  changed services without a scorecard, with the reason
     */
    record Outcome(Map<ServiceKey, PolicyScorecard> cards, Map<ServiceKey, String> gaps) {
        static final Outcome NONE = new Outcome(Map.of(), Map.of());

        Outcome {
            cards = Map.copyOf(cards);
            gaps = Map.copyOf(gaps);
        }
    }

    static Outcome compute(PolicyScorecard.Source source, int max, List<ServicePolicy> policies,
                           List<ServiceResult> results, PlanRun.Options options) {
        if (max == 0) {
            return Outcome.NONE;
        }
        Map<ServiceKey, ServicePolicy> byKey = policies.stream()
                .collect(Collectors.toMap(ServicePolicy::key, Function.identity(), (a, b) -> a, TreeMap::new));
        List<ServicePolicy> changed = results.stream()
                .filter(r -> r.status() == ServiceResult.Status.UPDATED && r.plan().isPresent())
                .map(r -> byKey.get(r.key())).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(ServicePolicy::key)).toList();
        Map<ServiceKey, PolicyScorecard> cards = new TreeMap<>();
        Map<ServiceKey, String> gaps = new TreeMap<>();
        List<ServicePolicy> replayed = changed.subList(0, Math.min(max, changed.size()));
        changed.subList(replayed.size(), changed.size()).forEach(p -> gaps.put(p.key(),
                "not replayed: the run backtests at most " + max + " changed services"));
        if (replayed.isEmpty()) {
            return new Outcome(cards, gaps);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallelism(), replayed.size()), r -> {
            Thread t = new Thread(r, "prewarm-scorecard");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PolicyScorecard>> futures = new ArrayList<>();
            for (ServicePolicy p : replayed) {
                futures.add(pool.submit(() -> source.score(p, options.now())));
            }
            for (int i = 0; i < replayed.size(); i++) {
                ServiceKey key = replayed.get(i).key();
                try {
                    cards.put(key, futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                    Log.warnf("backtest for the merge request failed service=%s: %s", key, msg);
                    gaps.put(key, "backtest failed: " + msg);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    gaps.put(key, "backtest interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(cards, gaps);
    }
}

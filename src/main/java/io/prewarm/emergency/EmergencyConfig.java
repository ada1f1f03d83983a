package io.prewarm.emergency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the emergency webhook ({@code prewarm.emergency.*}). Besides these, {@code PREWARM_API_TOKEN}
 * gives one token with every scope, and {@code prewarm.gitlab.url}, {@code prewarm.gitlab.project} and
 * {@code prewarm.gitlab.trigger-token} turn on pipeline triggers.
 */
@ConfigMapping(prefix = "prewarm.emergency")
public interface EmergencyConfig {

    /** Largest request body accepted, in bytes; larger ones get 413. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Requests per second each client (remote address) may make on average; more get 429. */
    @WithDefault("20")
    double rateLimitPerSecond();

    /** Requests a client may make in a burst above the average. */
    @WithDefault("100")
    int rateLimitBurst();

    /** How far a signed request's timestamp may be from now; older or later ones are refused as replays. */
    @WithDefault("5m")
    Duration signatureWindow();

    /** Time to live of a scale-up when the request gives none. */
    @WithDefault("2h")
    Duration defaultTtl();

    /** Longest time to live a request may ask for. */
    @WithDefault("7d")
    Duration maxTtl();

    /** Scale-up step in percent of the current count when the request gives neither target nor step. */
    @WithDefault("20")
    int defaultStepPercent();

    /** Push attempts when someone else writes to the base branch first (another replica, the plan job). */
    @WithDefault("10")
    int pushAttempts();

    /**
     * Most actions one commit carries (group commit: the actions accepted while a push is in flight go into the
     * next commit together); 1 writes one commit per action.
     */
    @WithDefault("50")
    int groupCommitMax();

    /** How often the state shown by {@code GET /v1/emergency} is re-read from the repository. */
    @WithDefault("30s")
    Duration refreshInterval();

    /** Scoped tokens by name: {@code prewarm.emergency.tokens.<name>.secret} and so on. */
    Map<String, Token> tokens();

    /** Alert mapping rules by name: {@code prewarm.emergency.rules.<name>.alertname} and so on. */
    Map<String, Rule> rules();

    /** One bearer token (also an HMAC key for signed requests), allowed some actions on some services. */
    interface Token {
        /** The secret. Never logged. */
        String secret();

        /** Allowed actions: scale-up, freeze, unfreeze, alertmanager, or * for all. */
        List<String> actions();

        /** Allowed services as {@code environment/service} or {@code service}; all when absent. */
        Optional<List<String>> services();
    }

    /** Turns matching alerts into an action. */
    interface Rule {
        /** The alert's alertname label; any when absent. */
        Optional<String> alertname();

        /** Further labels that must have these values. */
        Map<String, String> match();

        /** scale-up or freeze. */
        String action();

        /** The service; else the alert's {@code service} label. */
        Optional<String> service();

        /** The environment; else the alert's {@code environment} label. */
        Optional<String> environment();

        /** Scale-up step such as {@code +50%} or {@code +4}; else the default step. */
        Optional<String> step();

        /** Time to live of the action; else the default (scale-up) or none (freeze). */
        Optional<Duration> ttl();

        /** What a resolved notification does: end (undo what firing started) or ignore. */
        Optional<String> onResolved();
    }
}

/**
 * A PromQL syntax and type check in plain Java, following Prometheus's {@code promql/parser} (lexer, grammar
 * and the checks its parser runs after parsing), so that a policy's queries are refused by {@code validate}
 * exactly when {@code promtool check rules} would refuse the alert rules rendered from them; and the canonical
 * one-line form of a query (comments dropped) that the rules renderer writes.
 */
package io.prewarm.common.promql;

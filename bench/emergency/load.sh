#!/usr/bin/env bash
# Load benchmark of prewarm serve: a burst of duplicate Alertmanager notifications plus status reads for
# DURATION seconds (default 60), and a probe of new distinct actions timed to the pushed commit.
# Prints wrk's latency for reads and duplicate writes, the probe's write latency, errors, and commits made
# against distinct actions. Needs: wrk, python3, git, a packaged app (./mvnw package -DskipTests).
source "$(dirname "$0")/common.sh"
DURATION=${DURATION:-60}
PROBES=${PROBES:-30}
WARMUP=${WARMUP:-10}
CONNS=${CONNS:-4}
READ_DELAY=${READ_DELAY:-6}      # ms between requests per connection
ALERT_DELAY=${ALERT_DELAY:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
WORK=$(mktemp -d)
PORT=$(free_port)
make_repo "$WORK"
start_serve "$WORK" "$PORT"
trap 'kill $(cat "$WORK/serve.pid") 2>/dev/null || true' EXIT
BASE=$(count_commits "$WORK")
HERE=$(dirname "$0")
echo "serve on 127.0.0.1:$PORT, repo $WORK/gitops.git, warm-up ${WARMUP}s, measured ${DURATION}s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# warm-up (not measured): the 5 duplicated alerts make their one commit each, JIT compiles the hot paths
DELAY_MS=$READ_DELAY wrk -t1 -c$CONNS -d"${WARMUP}s" --timeout 10s -s "$HERE/read.lua" "http://127.0.0.1:$PORT/v1/emergency" >/dev/null &
WARM=$!
DELAY_MS=$ALERT_DELAY wrk -t1 -c$CONNS -d"${WARMUP}s" --timeout 10s -s "$HERE/alert.lua" "http://127.0.0.1:$PORT/v1/alertmanager" >/dev/null
wait $WARM
python3 "$HERE/probe.py" "$PORT" "$PROBES" "$(python3 -c "print($DURATION/$PROBES)")" > "$WORK/probe.out" &
PROBE=$!
DELAY_MS=$READ_DELAY wrk -t1 -c$CONNS -d"${DURATION}s" --timeout 10s --latency -s "$HERE/read.lua" "http://127.0.0.1:$PORT/v1/emergency" > "$WORK/reads.out" &
READS=$!
DELAY_MS=$ALERT_DELAY wrk -t1 -c$CONNS -d"${DURATION}s" --timeout 10s --latency -s "$HERE/alert.lua" "http://127.0.0.1:$PORT/v1/alertmanager" > "$WORK/writes.out"
wait $READS; wait $PROBE
echo "== reads: GET /v1/emergency"; grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors|requests in' "$WORK/reads.out"
echo "== duplicate notifications: POST /v1/alertmanager"; grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors|requests in' "$WORK/writes.out"
echo "== $(cat "$WORK/probe.out")"
COMMITS=$(( $(count_commits "$WORK") - BASE ))
ACTIONS=$(count_actions "$WORK")
KEYS=$(git -C "$WORK/gitops.git" log --format=%B refs/heads/prewarm/plan-2026-11-28..main | grep '^Prewarm-Idempotency-Key:' | sort -u | wc -l)
echo "== commits made: $COMMITS; action ids in them: $ACTIONS; distinct idempotency keys: $KEYS; distinct actions sent: $((5 + PROBES))"
# group commit may put several actions in one commit: every distinct action exactly once, in at most as many commits
[ "$ACTIONS" -eq $((5 + PROBES)) ] && [ "$KEYS" -eq "$ACTIONS" ] && [ "$COMMITS" -le "$ACTIONS" ] && echo "OK: every distinct action committed once" || { echo "MISMATCH"; exit 1; }

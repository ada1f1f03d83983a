#!/usr/bin/env bash
# Throughput of distinct emergency writes with several serve replicas on one GitOps repository: for each
# group-commit-max in MODES (1 = one commit per action, as before group commit; 50 = the default), a fresh
# repository, REPLICAS serve processes, a short warm-up, then RATE new scale-ups per second for DURATION
# seconds spread over the replicas (bench/emergency/rate.py, open loop: time from sending to the answer,
# which comes after the commit is pushed). Checks that every APPLIED answer's action id is in exactly one
# commit. Prints one line per mode:
#   replicas=2 group_commit_max=50 offered_per_s=25 writes_per_s=... p99_ms=... commits=... actions=...
# Needs: python3, git, a packaged app (./mvnw -B -q package -DskipTests). Loopback only.
source "$(dirname "$0")/common.sh"
REPLICAS=${REPLICAS:-2}; RATE=${RATE:-25}; DURATION=${DURATION:-20}; MODES=${MODES:-"1 50"}
HERE=$(dirname "$0")
echo "replicas=$REPLICAS offered ${RATE}/s for ${DURATION}s; cores=$(nproc) load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for MODE in $MODES; do
  WORK=$(mktemp -d)
  make_repo "$WORK"
  BASE=$(count_commits "$WORK")
  PORTS=()
  for r in $(seq 1 "$REPLICAS"); do
    PORT=$(free_port)
    start_serve "$WORK" "$PORT" "replica$r" "-Dprewarm.emergency.group-commit-max=$MODE" ${BENCH_JAVA_OPTS:-}
    PORTS+=("$PORT")
  done
  trap 'for p in "$WORK"/replica*.pid; do kill "$(cat "$p")" 2>/dev/null || true; done' EXIT
  LIST=$(IFS=,; echo "${PORTS[*]}")
  python3 "$HERE/rate.py" "$LIST" 4 2 "$WORK/warmup.txt" warm >/dev/null   # JIT, first renders: not measured
  SUMMARY=$(python3 "$HERE/rate.py" "$LIST" "$RATE" "$DURATION" "$WORK/answers.txt" "m$MODE")
  for p in "$WORK"/replica*.pid; do kill "$(cat "$p")" 2>/dev/null || true; done
  COMMITS=$(( $(count_commits "$WORK") - BASE ))
  ACTIONS=$(count_actions "$WORK")
  git -C "$WORK/gitops.git" log --format=%B refs/heads/prewarm/plan-2026-11-28..main | sed -n 's/^Prewarm-Action-Id: //p' | sort > "$WORK/committed.txt"
  TWICE=$(uniq -d "$WORK/committed.txt" | wc -l)
  MISSING=$(awk '$2 == "APPLIED" {print $3}' "$WORK/answers.txt" | sort | comm -23 - <(sort -u "$WORK/committed.txt") | wc -l)
  echo "replicas=$REPLICAS group_commit_max=$MODE offered_per_s=$RATE $SUMMARY commits=$COMMITS actions=$ACTIONS answered_not_committed=$MISSING committed_twice=$TWICE"
  [ "$MISSING" -eq 0 ] && [ "$TWICE" -eq 0 ] || { echo "MISMATCH (work dir $WORK)"; exit 1; }
done

#!/usr/bin/env bash
# Proves that kill -9 during a burst loses no 2xx-answered action: send distinct scale-ups from several
# threads, kill -9 serve after KILL_AFTER seconds, then check that every answered action id is in a commit
# on main; restart serve, resend every request with its Idempotency-Key and check that the answered ones
# get their first answer back and that no action is committed twice.
source "$(dirname "$0")/common.sh"
N=${N:-400}; THREADS=${THREADS:-8}; KILL_AFTER=${KILL_AFTER:-4}
WORK=$(mktemp -d); PORT=$(free_port)
make_repo "$WORK"
start_serve "$WORK" "$PORT"
python3 "$(dirname "$0")/burst.py" "$PORT" "$N" "$THREADS" "$WORK/answered.txt" &
BURST=$!
sleep "$KILL_AFTER"
kill -9 "$(cat "$WORK/serve.pid")"
wait $BURST || true
ANSWERED=$(wc -l < "$WORK/answered.txt")
git -C "$WORK/gitops.git" log --format=%B refs/heads/prewarm/plan-2026-11-28..main | sed -n 's/^Prewarm-Action-Id: //p' | sort > "$WORK/committed.txt"
LOST=$(cut -d' ' -f2 "$WORK/answered.txt" | sort | comm -23 - "$WORK/committed.txt" | wc -l)
echo "killed serve with -9 after ${KILL_AFTER}s: answered 2xx=$ANSWERED, committed=$(wc -l < "$WORK/committed.txt"), answered but not committed=$LOST"
# restart and resend everything: answered keys must come back with their first id, nothing twice
start_serve "$WORK" "$PORT"
: > "$WORK/second.txt"
python3 "$(dirname "$0")/burst.py" "$PORT" "$N" "$THREADS" "$WORK/second.txt"
kill "$(cat "$WORK/serve.pid")"
CHANGED=$(sort "$WORK/answered.txt" | join -j1 - <(sort "$WORK/second.txt") | awk '$2 != $4' | wc -l)
DUPS=$(git -C "$WORK/gitops.git" log --format=%B refs/heads/prewarm/plan-2026-11-28..main | sed -n 's/^Prewarm-Idempotency-Key: //p' | sort | uniq -d | wc -l)
TOTAL=$(git -C "$WORK/gitops.git" log --format=%B refs/heads/prewarm/plan-2026-11-28..main | grep -c '^Prewarm-Action-Id:')
echo "after restart and resending all $N: answers that changed id=$CHANGED, keys committed twice=$DUPS, actions committed=$TOTAL (of $N distinct)"
[ "$LOST" -eq 0 ] && [ "$CHANGED" -eq 0 ] && [ "$DUPS" -eq 0 ] && [ "$TOTAL" -eq "$N" ] && echo "OK: nothing answered was lost, nothing was duplicated" || { echo FAILED; exit 1; }

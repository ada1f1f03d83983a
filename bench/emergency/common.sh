# Shared by the emergency benchmarks: a bare GitOps repository with the demo plan on main, and serve.
# Everything listens on 127.0.0.1 only.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
TOKEN=${PREWARM_API_TOKEN:-bench-token-0123456789abcdef}
export PREWARM_API_TOKEN=$TOKEN

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

# make_repo DIR: DIR/gitops.git with the demo plan's Terraform and plan files on main
make_repo() {
  local dir=$1
  git init -q --bare -b main "$dir/gitops.git"
  git clone -q "$dir/gitops.git" "$dir/seed" 2>/dev/null
  echo gitops > "$dir/seed/README.md"
  git -C "$dir/seed" add . && git -C "$dir/seed" -c user.name=b -c user.email=b@x commit -qm init && git -C "$dir/seed" push -q origin HEAD:main
  java -jar "$JAR" plan --repo "$dir/gitops.git" --policies "$ROOT/policies" --metrics demo --now 2026-11-28T00:00:00Z >/dev/null 2>"$dir/plan.log"
  git -C "$dir/gitops.git" update-ref refs/heads/main refs/heads/prewarm/plan-2026-11-28
}

# start_serve DIR PORT [NAME [JAVA_OPTS...]]: serve in the background (log DIR/NAME.log, pid DIR/NAME.pid,
# NAME defaults to serve), waits until ready
start_serve() {
  local dir=$1 port=$2 name=${3:-serve}
  shift $(( $# < 3 ? $# : 3 ))
  java -Dprewarm.emergency.rate-limit-per-second=100000 -Dprewarm.emergency.rate-limit-burst=100000 \
    -Dprewarm.emergency.refresh-interval=3600s "$@" \
    -jar "$JAR" serve --repo "$dir/gitops.git" --policies "$ROOT/policies" --port "$port" >>"$dir/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
  for _ in $(seq 1 150); do
    if curl -fs "http://127.0.0.1:$port/v1/emergency" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "serve did not become ready; see $dir/$name.log" >&2; return 1
}

# commits made on main since the plan commit, and distinct action ids among them
count_actions() {
  local dir=$1
  git -C "$dir/gitops.git" log --format=%B refs/heads/prewarm/plan-2026-11-28..main | grep -c '^Prewarm-Action-Id:' || true
}
count_commits() {
  git -C "$1/gitops.git" rev-list --count refs/heads/prewarm/plan-2026-11-28..main
}

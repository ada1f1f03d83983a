#!/usr/bin/env bash
# Image benchmark (prints numbers; not a timed test). Goals: image under 250 MB, `serve` ready in
# under 5 s from the image's JVM. Measures:
#   - size: the docker-archive (compressed layers), the sum of its compressed layers, the unpacked rootfs
#   - serve ready: start of `prewarm serve` in the unpacked image (chroot, image user and Env) until the
#     first 200 on /q/health/ready, median of RUNS (default 3); the same for the host JVM on
#     target/quarkus-app for comparison (same machine, same moment: separates the image from the load)
# usage: bench/image/bench.sh [IMAGE_TAR]   (needs root, skopeo, umoci; build the image first, docs/image.md)
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/.ci/image-chroot.sh"
tar_="${1:-$root/target/image/prewarm.tar}"
runs="${RUNS:-3}"
[ -f "$tar_" ] || { echo "no image at $tar_ (docs/image.md: how to build it)" >&2; exit 1; }
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; image_cleanup; rm -rf --one-file-system "$work"' EXIT

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
archive_bytes=$(stat -c %s "$tar_")
image_unpack "$tar_" "$work" || exit 1
# the OCI copy's gzip layers: what a registry stores and a node pulls
layer_bytes=$(skopeo inspect --raw "oci:$work/oci:image" | python3 -c 'import json,sys; print(sum(l["size"] for l in json.load(sys.stdin)["layers"]))')
unpacked_mb=$(du -smx "$rootfs" | cut -f1)
echo "image archive_mb=$(mb "$archive_bytes") compressed_layers_mb=$(mb "$layer_bytes") unpacked_mb=$unpacked_mb (goal < 250)"

# the GitOps repository serve writes to, and a working copy with policies/
git clone -q --bare "$root" "$rootfs/work/gitops.git"
git -C "$rootfs/work/gitops.git" update-ref refs/heads/main "$(git -C "$root" rev-parse HEAD)"
git -C "$rootfs/work/gitops.git" symbolic-ref HEAD refs/heads/main
git clone -q --branch main "$rootfs/work/gitops.git" "$rootfs/work/repo"
chown -R "$image_user" "$rootfs/work/repo" "$rootfs/work/gitops.git"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
measure() {  # LABEL then the serve command line (gets --port PORT appended)
  local label="$1"; shift
  local times=() i port start secs
  for i in $(seq 1 "$runs"); do
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    start=$(date +%s%N)
    "$@" --port "$port" > "$work/serve-$label-$i.log" 2>&1 &
    pid=$!
    if secs="$(wait_ready "http://127.0.0.1:$port/q/health/ready" "$pid" 120 "$start")"; then times+=("$secs")
    else echo "$label run $i: never ready; log: $work/serve-$label-$i.log" >&2; tail -n 5 "$work/serve-$label-$i.log" >&2; fi
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=""
  done
  [ ${#times[@]} -gt 0 ] || return 1
  echo "$label serve_ready_s median=$(printf '%s\n' "${times[@]}" | median) runs=[${times[*]}] (goal < 5)"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
measure image image_run /work/repo /usr/local/bin/prewarm serve --repo /work/gitops.git --host 127.0.0.1
if [ -f "$root/target/quarkus-app/quarkus-run.jar" ]; then
  (cd "$rootfs/work/repo" && measure host java -jar "$root/target/quarkus-app/quarkus-run.jar" \
    serve --repo "$rootfs/work/gitops.git" --host 127.0.0.1)
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

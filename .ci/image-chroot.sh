# Sourced by .ci/image-test and bench/image/bench.sh: unpack a docker-archive image and run its
# entrypoint in a chroot the way a container runtime would (image user, image Env, working directory,
# /proc and /dev), since no container runtime can run here. Needs root, skopeo, umoci, python3.
# Remove DIR with rm -rf --one-file-system after image_cleanup.
# After image_unpack TAR DIR: $image_config (JSON), $image_user, $image_workdir, $image_env (array),
# $rootfs. Call image_cleanup when done (unmounts /proc and /dev).

image_mounts=()

image_field() { python3 -c 'import json,sys; c=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$image_config"; }

image_unpack() {  # TAR DIR
  local tar_="$1" dir="$2"
  image_config="$(skopeo inspect --config "docker-archive:$tar_")" || return 1
  image_user="$(image_field 'c["config"].get("User","")')"
  image_workdir="$(image_field 'c["config"].get("WorkingDir","/")')"
  image_env=()
  local e
  while IFS= read -r e; do image_env+=("$e"); done < <(image_field '"\n".join(c["config"].get("Env") or [])')
  skopeo copy -q "docker-archive:$tar_" "oci:$dir/oci:image" >/dev/null || return 1
  umoci unpack --image "$dir/oci:image" "$dir/bundle" >/dev/null 2>"$dir/umoci.log" || { cat "$dir/umoci.log" >&2; return 1; }
  rootfs="$dir/bundle/rootfs"
  mkdir -p "$rootfs/proc" "$rootfs/dev" "$rootfs/usr/bin"
  if mount -t proc proc "$rootfs/proc" 2>/dev/null || mount --bind /proc "$rootfs/proc" 2>/dev/null; then
    image_mounts+=("$rootfs/proc")
  fi
  # device nodes of its own rather than a bind mount of the host's /dev (nothing to delete by accident)
  local d n a b
  for d in null:1:3 zero:1:5 random:1:8 urandom:1:9; do
    IFS=: read -r n a b <<<"$d"; mknod -m 666 "$rootfs/dev/$n" c "$a" "$b"
  done
  # env -i for a clean environment (busybox applet; not part of the image's own PATH set)
  [ -e "$rootfs/usr/bin/env" ] || ln -s /bin/busybox "$rootfs/usr/bin/env"
}

image_run() {  # DIR COMMAND...: run COMMAND in the image, as its user, with its Env, in DIR
  local dir="$1"; shift
  chroot --userspec="$image_user" "$rootfs" /usr/bin/env -i "${image_env[@]}" \
    /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@"
}

image_cleanup() {
  local m
  for m in "${image_mounts[@]}"; do umount -l "$m" 2>/dev/null; done
  image_mounts=()
}

# wait_ready URL PID TIMEOUT_S START_NS: prints the seconds from START_NS (date +%s%N before the
# process started) until URL answered 200, polling every 50 ms; returns 1 on timeout or exit
wait_ready() {
  local url="$1" pid="$2" timeout="$3" start="$4" code
  while [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt "$timeout" ]; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)"
    if [ "$code" = 200 ]; then
      awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f\n", (b - a) / 1e9 }'
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

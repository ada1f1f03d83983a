#!/usr/bin/env bash
# Builds prewarm's base image offline, from the Debian packages installed on this machine, as a
# docker-archive tarball that Jib builds FROM (quarkus.jib.base-jvm-image=tar://...):
#   - a jlinked Java 17 runtime (openjdk-17-jdk-headless's jmods) in /opt/java
#   - the shared libraries that runtime and Smile's OpenBLAS natives (bundled in the bytedeco jars:
#     they need libstdc++, libgcc_s, libm, libpthread, libc) load, copied from the host
#   - busybox as /bin/sh and the few tools a CI job script uses
#   - /usr/local/bin/prewarm (runs /deployments/quarkus-run.jar), the user prewarm (10001), /tmp
# The layer is a reproducible tar (sorted, numeric owners, fixed mtimes), so the same package versions
# give the same image digest. src/main/docker/base.lock pins both: the build fails when either differs.
#
# usage: build-base.sh [--update-lock] [OUT_DIR]   (OUT_DIR default: target/image)
set -euo pipefail
umask 022
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
lock="$here/base.lock"
update=false
if [ "${1:-}" = "--update-lock" ]; then update=true; shift; fi
out="${1:-$root/target/image}"
tag="prewarm-base:17"

# the Debian packages whose files end up in the image (checked against base.lock)
packages=(openjdk-17-jdk-headless openjdk-17-jre-headless busybox libc6 libstdc++6 libgcc-s1 zlib1g)
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.desktop,java.security.jgss,java.security.sasl,java.instrument,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.management

missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages for the base image: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

versions="$(for p in "${packages[@]}"; do dpkg-query -W -f='${Package}=${Version}\n' "$p"; done)"
if ! $update && [ -f "$lock" ]; then
  pinned="$(grep -E '^package ' "$lock" | sed 's/^package //')"
  if [ "$pinned" != "$versions" ]; then
    echo "building base image: the installed Debian packages differ from $lock" >&2
    diff <(echo "$pinned") <(echo "$versions") >&2 || true
    echo "install the pinned versions (apt-get install PACKAGE=VERSION) or review and run: $0 --update-lock" >&2
    exit 1
  fi
fi

java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/javac)")")")"
[ -f "$java_home/jmods/java.base.jmod" ] || java_home=/usr/lib/jvm/java-17-openjdk-amd64
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fs="$work/rootfs"
mkdir -p "$fs"/{bin,etc,lib,lib64,opt,tmp,usr/local/bin,usr/share/prewarm-base,home/prewarm,deployments,work}

echo "== base: jlink ($modules)"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --output "$fs/opt/java"

echo "== base: shared libraries"
# Java's own natives (the AWT/sound ones of java.desktop stay unloaded: headless, only java.beans is used)
# plus busybox; Smile's OpenBLAS natives come in the bytedeco jars and need libstdc++/libgcc_s/libm/libpthread.
cp /bin/busybox "$fs/bin/busybox"
objs=("$fs/bin/busybox")
while IFS= read -r so; do objs+=("$so"); done < <(find "$fs/opt/java" -name '*.so' \
  ! -name 'libawt*' ! -name 'libjawt.so' ! -name 'libfontmanager.so' ! -name 'libjavajpeg.so' ! -name 'liblcms.so' \
  ! -name 'libmlib_image.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' | sort)
libs="$(for o in "${objs[@]}"; do ldd "$o" | awk '/=> \//{print $3}'; done
        for l in libstdc++.so.6 libgcc_s.so.1 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libz.so.1; do
          echo "/lib/x86_64-linux-gnu/$l"; done)"
for l in $(echo "$libs" | grep -v "^$fs" | sort -u); do
  real="$(readlink -f "$l")"   # usrmerge: dpkg may know it as /lib/... or /usr/lib/...
  owner="$( { dpkg -S "$real" || dpkg -S "${real#/usr}"; } 2>/dev/null | head -n 1 | cut -d: -f1 || true)"
  case " ${packages[*]} " in
    *" $owner "*) ;;
    *) echo "building base image: $l comes from '${owner:-no package}', which is not pinned in \$packages" >&2; exit 1 ;;
  esac
  mkdir -p "$fs/lib/x86_64-linux-gnu"
  cp -L "$l" "$fs/lib/x86_64-linux-gnu/$(basename "$l")"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$fs/lib64/ld-linux-x86-64.so.2"

echo "== base: shell, user, launcher"
for a in sh cat cp env id ls mkdir mv rm sleep chmod grep sed tr head tail wc date uname; do ln -s busybox "$fs/bin/$a"; done
printf 'root:x:0:0:root:/root:/bin/sh\nprewarm:x:10001:10001:prewarm:/home/prewarm:/bin/sh\n' > "$fs/etc/passwd"
printf 'root:x:0:\nprewarm:x:10001:\n' > "$fs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$fs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$fs/etc/hosts"
install -m 0755 "$here/prewarm" "$fs/usr/local/bin/prewarm"
echo "$versions" > "$fs/usr/share/prewarm-base/packages.txt"
echo "$modules" > "$fs/usr/share/prewarm-base/java-modules.txt"
chown -R 0:0 "$fs"
chown 10001:10001 "$fs/home/prewarm" "$fs/work"
chmod 1777 "$fs/tmp"

echo "== base: reproducible layer and docker-archive"
img="$work/img"; mkdir -p "$img"
tar --sort=name --mtime=@0 --numeric-owner --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$fs" -cf "$work/layer.tar" .
diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
mkdir -p "$img/$diff_id"; mv "$work/layer.tar" "$img/$diff_id/layer.tar"
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"10001:10001","Env":["PATH=/usr/local/bin:/opt/java/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","HOME=/home/prewarm"],"Entrypoint":["/usr/local/bin/prewarm"],"WorkingDir":"/work","Labels":{"org.opencontainers.image.title":"prewarm","org.opencontainers.image.licenses":"GPL-3.0-or-later","org.opencontainers.image.description":"prewarm on a jlinked Java 17 runtime, glibc and busybox from Debian 12 packages (/usr/share/prewarm-base/packages.txt)"}},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"src/main/docker/build-base.sh"}]}
EOF
config_id="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
cp "$work/config.json" "$img/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config_id" "$tag" "$diff_id" > "$img/manifest.json"
mkdir -p "$out"
# entries named plainly (no "./": Jib refuses to extract that one)
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$img" -cf "$out/prewarm-base.tar" \
  manifest.json "$config_id.json" "$diff_id"
size_mb=$(( $(stat -c %s "$out/prewarm-base.tar") / 1024 / 1024 ))

if $update; then
  { echo "# Pinned base image of prewarm (written by src/main/docker/build-base.sh --update-lock; review the diff)."
    echo "# Debian packages whose files the base is made of:"
    echo "$versions" | sed 's/^/package /'
    echo "# sha256 of the image config (the image ID) and of its one uncompressed layer (diff_id):"
    echo "config sha256:$config_id"
    echo "layer sha256:$diff_id"; } > "$lock"
  echo "wrote $lock"
fi
pinned_config="$(awk '$1=="config"{print $2}' "$lock")"
if [ "sha256:$config_id" != "$pinned_config" ]; then
  echo "building base image: digest sha256:$config_id differs from the pinned $pinned_config in $lock" >&2
  echo "(same package versions, different bytes: the build is not reproducible here; investigate before --update-lock)" >&2
  exit 1
fi
echo "base image $tag sha256:$config_id (${size_mb} MB) -> $out/prewarm-base.tar (pinned in $lock)"

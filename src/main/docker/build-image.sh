#!/usr/bin/env bash
# Builds prewarm's container image offline (docs/image.md):
#   1. the pinned base (build-base.sh -> target/image/prewarm-base.tar, verified against base.lock)
#   2. the app image with Quarkus's Jib extension FROM tar://that base (Maven profile `image`)
#      -> target/image/prewarm.tar (docker-archive, for `docker load` / `podman load` / skopeo)
#   3. the same image as an OCI archive -> target/image/prewarm-oci.tar (skopeo)
# Tests are not run here (`./mvnw verify` runs them). Needs skopeo (Debian package).
# usage: src/main/docker/build-image.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
"$root/src/main/docker/build-base.sh"
echo "== image: Jib (Quarkus container-image-jib) FROM the base"
./mvnw -B -ntp -q package -Pimage -Dmaven.test.skip=true
version="$(unzip -p target/quarkus-app/app/*.jar META-INF/MANIFEST.MF 2>/dev/null | tr -d '\r' \
  | sed -n 's/^Implementation-Version: //p' | head -n 1)"
version="${version:-latest}"
rm -f target/image/prewarm-oci.tar
skopeo copy -q docker-archive:target/image/prewarm.tar "oci-archive:target/image/prewarm-oci.tar:prewarm:$version"
echo "image prewarm/prewarm:$version -> target/image/prewarm.tar (docker-archive, $(du -m target/image/prewarm.tar | cut -f1) MB)" \
  "and target/image/prewarm-oci.tar (OCI archive)"

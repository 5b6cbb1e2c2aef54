#!/usr/bin/env bash
# Builds the FakeShop web image from docker/Dockerfile, tags it with the version and the short git
# commit, writes its SBOM (docker/sbom.sh: NuGet + Debian packages, CycloneDX JSON), pushes both tags to
# $REGISTRY and prints the pushed digest as "repo@sha256:..." on stdout (everything else goes to stderr).
# docker/sign.sh then signs the digest and attaches the SBOM as a signed attestation.
#
# Usage: docker/build.sh [--no-push]
# Env:
#   REGISTRY        registry host[:port]                         (default 127.0.0.1:5000)
#   IMAGE_NAME      repository inside the registry                (default fakeshop/web)
#   VERSION         image version; default: ./VERSION, else `git describe --tags`, else 0.0.0-<commit>
#   SDK_IMAGE       build-stage base  -> --build-arg SDK_IMAGE      (unset: the Dockerfile default, MCR)
#   RUNTIME_IMAGE   runtime base      -> --build-arg RUNTIME_IMAGE  (unset: the Dockerfile default, MCR)
#   SELF_CONTAINED, READY_TO_RUN, APP_UID, RID, INVARIANT_GLOBALIZATION -> build args of the same name, when set
#   ENGINE          docker | podman   (default: docker if its daemon answers, else podman)
#   DOCKER          docker CLI to use (default: docker). DOCKER_HOST is honoured; nothing is started.
#   REGISTRY_TLS_VERIFY  true|false   (default: false for localhost/127.x registries, else true)
#   DIGEST_FILE     also write "repo@sha256:..." to this file
#   SBOM_FILE       where the SBOM goes                           (default artifacts/sbom.cdx.json)
#   SOURCE_DATE_EPOCH  the time stamped into the image and SBOM  (default: the commit time)
# The air-gapped base images come from docker/base/build-sdk-image.sh and build-runtime-base.sh:
#   SDK_IMAGE=$REGISTRY/dotnet/sdk:10.0 RUNTIME_IMAGE=$REGISTRY/dotnet/aspnet:10.0-distroless docker/build.sh
set -euo pipefail

log() { printf '[build] %s\n' "$*" >&2; }
die() { printf '[build] ERROR: %s\n' "$*" >&2; exit 1; }

PUSH=1
case ${1:-} in
    --no-push) PUSH=0 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    "") ;;
    *) die "unknown argument: $1 (see --help)" ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
[[ -f docker/Dockerfile ]] || die "docker/Dockerfile not found under $ROOT"
[[ -f src/Web/FakeShop.Web.csproj ]] || die "src/Web/FakeShop.Web.csproj not found under $ROOT: nothing to build"

REGISTRY="${REGISTRY:-127.0.0.1:5000}"
IMAGE_NAME="${IMAGE_NAME:-fakeshop/web}"
REPO="$REGISTRY/$IMAGE_NAME"
case $REGISTRY in
    localhost|localhost:*|127.*) REGISTRY_TLS_VERIFY="${REGISTRY_TLS_VERIFY:-false}" ;;
    *) REGISTRY_TLS_VERIFY="${REGISTRY_TLS_VERIFY:-true}" ;;
esac

# ---- version, revision, source
if git rev-parse --git-dir >/dev/null 2>&1; then
    REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
    COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    SOURCE_URL=$(git config --get remote.origin.url 2>/dev/null || true)
else
    REVISION=unknown COMMIT=unknown SOURCE_URL=""
fi
if [[ -z ${VERSION:-} ]]; then
    if [[ -s VERSION ]]; then
        VERSION=$(tr -d ' \t\r\n' < VERSION)
    elif described=$(git describe --tags --dirty 2>/dev/null); then
        VERSION=${described#v}
    else
        VERSION="0.0.0-$COMMIT"
    fi
fi
# ssh remote -> https URL for the OCI source label
case $SOURCE_URL in
    git@*:*) SOURCE_URL="https://${SOURCE_URL#git@}"; SOURCE_URL="${SOURCE_URL/://}" ;;
esac
SOURCE_URL="${SOURCE:-${SOURCE_URL%.git}}"
[[ -n $SOURCE_URL ]] || SOURCE_URL=unknown
# A tag is [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
sanitize_tag() { local t; t=$(printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '-'); t=${t#[.-]}; printf '%s' "${t:0:128}"; }
VERSION_TAG=$(sanitize_tag "$VERSION")
COMMIT_TAG=$(sanitize_tag "$COMMIT")
[[ -n $VERSION_TAG ]] || die "empty version tag (VERSION='$VERSION')"

# ---- engine
ENGINE="${ENGINE:-}"
DOCKER="${DOCKER:-docker}"
if [[ -z $ENGINE ]]; then
    if command -v "$DOCKER" >/dev/null 2>&1 && "$DOCKER" info >/dev/null 2>&1; then
        ENGINE=docker
    elif command -v podman >/dev/null 2>&1; then
        ENGINE=podman
    elif command -v "$DOCKER" >/dev/null 2>&1; then
        die "docker CLI found but no daemon answers (DOCKER_HOST=${DOCKER_HOST:-unset}); start dockerd or install podman"
    else
        die "no container engine: install docker (with a running daemon) or podman"
    fi
fi
case $ENGINE in
    docker) command -v "$DOCKER" >/dev/null || die "ENGINE=docker but '$DOCKER' not found"; CLI=$DOCKER ;;
    podman) command -v podman >/dev/null || die "ENGINE=podman but podman not found"; CLI=podman ;;
    *) die "ENGINE must be docker or podman, not '$ENGINE'" ;;
esac

# Reproducibility: every time inside the image is the commit time, not the build time, so two builds of one
# commit differ only where the builder itself stamps the clock (docs/container-image.md, "Reproducibility").
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
fi
export SOURCE_DATE_EPOCH
BUILD_ARGS=(--build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION" --build-arg "SOURCE=$SOURCE_URL"
            --build-arg "CREATED=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)"
            --build-arg "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH")
for a in SDK_IMAGE RUNTIME_IMAGE SELF_CONTAINED READY_TO_RUN APP_UID RID INVARIANT_GLOBALIZATION; do
    [[ -n ${!a:-} ]] && BUILD_ARGS+=(--build-arg "$a=${!a}")
done

# --network host: the build container uses the host's resolver, route and (via the SDK image) CAs to reach NuGet.
BUILD=("$CLI" build --network host -f docker/Dockerfile "${BUILD_ARGS[@]}" -t "$REPO:$VERSION_TAG" -t "$REPO:$COMMIT_TAG")
if [[ $ENGINE == docker ]]; then
    # BuildKit when available: buildx plugin, or the daemon's built-in BuildKit for a pre-23 CLI.
    if [[ -z ${DOCKER_BUILDKIT:-} ]]; then
        if "$DOCKER" buildx version >/dev/null 2>&1; then
            export DOCKER_BUILDKIT=1
        else
            cli_major=$("$DOCKER" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1)
            [[ ${cli_major:-99} =~ ^[0-9]+$ && $cli_major -lt 23 ]] && export DOCKER_BUILDKIT=1
        fi
    fi
    [[ ${DOCKER_BUILDKIT:-0} == 1 ]] && BUILD+=(--progress=plain)
else
    BUILD+=(--tls-verify="$REGISTRY_TLS_VERIFY" --format oci)
fi
BUILD+=(.)

log "engine: $ENGINE ($CLI$([[ $ENGINE == docker ]] && echo ", BuildKit=${DOCKER_BUILDKIT:-0}, DOCKER_HOST=${DOCKER_HOST:-default}"))"
log "image:  $REPO:$VERSION_TAG and :$COMMIT_TAG (revision $REVISION)"
start=$SECONDS
"${BUILD[@]}" >&2 || die "image build failed (see the output above)"
log "built in $((SECONDS - start)) s"

SBOM_FILE="${SBOM_FILE:-$ROOT/artifacts/sbom.cdx.json}"
ENGINE="$ENGINE" DOCKER="$DOCKER" docker/sbom.sh --image "$REPO:$VERSION_TAG" --output "$SBOM_FILE" \
    --name "$REPO" --version "$VERSION" || die "SBOM generation failed (see above)"
log "SBOM: $SBOM_FILE"

if ((PUSH == 0)); then
    log "--no-push: not pushing"
    exit 0
fi

start=$SECONDS
digest=""
if [[ $ENGINE == docker ]]; then
    for t in "$VERSION_TAG" "$COMMIT_TAG"; do
        out=$("$DOCKER" push "$REPO:$t" 2>&1) || { echo "$out" >&2; die "push of $REPO:$t failed"; }
        d=$(grep -oE 'digest: sha256:[0-9a-f]{64}' <<<"$out" | tail -1 | cut -d' ' -f2)
        [[ -n $d ]] || { echo "$out" >&2; die "no digest in the output of docker push $REPO:$t"; }
        [[ -z $digest || $digest == "$d" ]] || die "tags $VERSION_TAG and $COMMIT_TAG pushed with different digests ($digest, $d)"
        digest=$d
    done
else
    dfile=$(mktemp)
    trap 'rm -f "$dfile"' EXIT
    for t in "$VERSION_TAG" "$COMMIT_TAG"; do
        podman push --tls-verify="$REGISTRY_TLS_VERIFY" --digestfile "$dfile" "$REPO:$t" >&2 || die "push of $REPO:$t failed"
        d=$(cat "$dfile")
        [[ -z $digest || $digest == "$d" ]] || die "tags pushed with different digests ($digest, $d)"
        digest=$d
    done
fi
[[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || die "unexpected digest '$digest'"
log "pushed $REPO:$VERSION_TAG and :$COMMIT_TAG in $((SECONDS - start)) s"
[[ -n ${DIGEST_FILE:-} ]] && echo "$REPO@$digest" > "$DIGEST_FILE"
echo "$REPO@$digest"

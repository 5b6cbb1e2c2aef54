# shellcheck shell=bash
# Shared by generate-keys.sh, sign.sh and verify.sh (sourced, not executed).
# Picks the signing implementation: the real `cosign` CLI when it is installed, otherwise our own
# cosign-compatible tool in tools/cosign (Debian ships no cosign, and CI has no internet).
#
# Environment:
#   COSIGN_IMPL=auto|cosign|dotnet   force an implementation (default auto: cosign if on PATH)
#   COSIGN_TLOG=true|false           use the Rekor transparency log (default: false for 127.0.0.1/localhost
#                                    registries and whenever our tool is used, true otherwise)
#   COSIGN_ALLOW_INSECURE_REGISTRY=true  pass --allow-insecure-registry (HTTP or self-signed TLS)
#   COSIGN_TOOL_DIR                  where our tool is built (default tools/cosign/bin/tool)
#   COSIGN_TOOL_DLL                  use this already built FakeShop.Cosign.dll as is (no build)

COSIGN_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COSIGN_PROJECT_DIR="$(cd "$COSIGN_SCRIPT_DIR/../tools/cosign" && pwd)"
COSIGN_TOOL_DIR="${COSIGN_TOOL_DIR:-$COSIGN_PROJECT_DIR/bin/tool}"
COSIGN_TOOL_PREBUILT="${COSIGN_TOOL_DLL:-}"
COSIGN_TOOL_DLL="${COSIGN_TOOL_DLL:-$COSIGN_TOOL_DIR/FakeShop.Cosign.dll}"

cosign_log() { printf '%s\n' "$*" >&2; }
cosign_die() { cosign_log "error: $*"; exit 1; }

# Which implementation runs: prints "cosign" or "dotnet".
cosign_impl() {
  case "${COSIGN_IMPL:-auto}" in
    cosign) command -v cosign >/dev/null 2>&1 || cosign_die "COSIGN_IMPL=cosign but cosign is not on PATH"; echo cosign ;;
    dotnet) echo dotnet ;;
    auto) if command -v cosign >/dev/null 2>&1; then echo cosign; else echo dotnet; fi ;;
    *) cosign_die "COSIGN_IMPL must be auto, cosign or dotnet (got '${COSIGN_IMPL}')" ;;
  esac
}

# Major version of the real cosign (2 or 3); v3 changed the default signature format.
cosign_major_version() {
  local version
  version="$(cosign version 2>&1 | sed -n 's/^GitVersion:[[:space:]]*v\{0,1\}\([0-9][0-9]*\)\..*/\1/p' | head -n 1)"
  [[ -n "$version" ]] || cosign_die "cannot read the version from 'cosign version'"
  echo "$version"
}

# Builds our tool once into COSIGN_TOOL_DIR, again only when a source file is newer than the build.
cosign_build_tool() {
  if [[ -n "$COSIGN_TOOL_PREBUILT" ]]; then
    [[ -f "$COSIGN_TOOL_PREBUILT" ]] || cosign_die "COSIGN_TOOL_DLL=$COSIGN_TOOL_PREBUILT does not exist"
    return 0
  fi
  if [[ -f "$COSIGN_TOOL_DLL" ]] && [[ -z "$(find "$COSIGN_PROJECT_DIR" \( -name '*.cs' -o -name '*.csproj' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -newer "$COSIGN_TOOL_DLL" -print -quit)" ]]; then
    return 0
  fi
  cosign_log "building FakeShop.Cosign into $COSIGN_TOOL_DIR ..."
  dotnet build "$COSIGN_PROJECT_DIR/FakeShop.Cosign.csproj" -c Release -o "$COSIGN_TOOL_DIR" --nologo -v quiet -clp:NoSummary >&2 \
    || cosign_die "building tools/cosign failed"
  touch "$COSIGN_TOOL_DLL"
}

# Runs our tool with the given arguments.
cosign_tool() {
  cosign_build_tool
  dotnet "$COSIGN_TOOL_DLL" "$@"
}

# Registry host[:port] of an image reference (Docker Hub when the first part is not a host).
cosign_registry_of() {
  local ref="$1" first
  first="${ref%%/*}"
  if [[ "$ref" == */* && ( "$first" == *.* || "$first" == *:* || "$first" == localhost ) ]]; then
    echo "$first"
  else
    echo "index.docker.io"
  fi
}

cosign_is_loopback_registry() {
  case "$1" in
    localhost | localhost:* | 127.0.0.1 | 127.0.0.1:* | '[::1]' | '[::1]:'*) return 0 ;;
    *) return 1 ;;
  esac
}

# Decides whether to use the transparency log: prints true or false.
cosign_tlog_choice() {
  local image="$1" impl="$2" registry
  registry="$(cosign_registry_of "$image")"
  case "${COSIGN_TLOG:-}" in
    true | false) echo "$COSIGN_TLOG" ;;
    "")
      if [[ "$impl" == dotnet ]] || cosign_is_loopback_registry "$registry"; then echo false; else echo true; fi ;;
    *) cosign_die "COSIGN_TLOG must be true or false (got '${COSIGN_TLOG}')" ;;
  esac
}

# Registry flags shared by both implementations, as an array named COSIGN_REGISTRY_FLAGS.
cosign_registry_flags() {
  COSIGN_REGISTRY_FLAGS=()
  if [[ "${COSIGN_ALLOW_INSECURE_REGISTRY:-false}" == true ]]; then
    COSIGN_REGISTRY_FLAGS+=(--allow-insecure-registry)
  fi
}

# Resolves IMAGE (tag or digest) to registry/repo@sha256:... so only digests are ever signed or verified.
cosign_resolve() {
  cosign_registry_flags
  cosign_tool digest --full-ref ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$1"
}

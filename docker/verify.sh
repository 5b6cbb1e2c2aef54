#!/usr/bin/env bash
# Verifies an image's cosign signature against the project's public key (by digest; the tag is resolved first).
# Usage: docker/verify.sh IMAGE [extra verify flags, e.g. -a git-sha=abc123]
# Environment: COSIGN_PUBLIC_KEY (default docker/cosign.pub), SIGSTORE_REKOR_PUBLIC_KEY (offline tlog check
# with COSIGN_TLOG=true), and those in cosign-common.sh.
# Exit status is non-zero when no valid signature is found. The verified payloads go to stdout.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cosign-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/cosign-common.sh"

[[ $# -ge 1 ]] || { cosign_log "usage: $0 IMAGE [extra verify flags]"; exit 2; }
image="$1"
shift
public_key="${COSIGN_PUBLIC_KEY:-$COSIGN_SCRIPT_DIR/cosign.pub}"
[[ -f "$public_key" ]] || cosign_die "public key $public_key not found (set COSIGN_PUBLIC_KEY)"

impl="$(cosign_impl)"
tlog="$(cosign_tlog_choice "$image" "$impl")"
if [[ "$impl" == dotnet && "$tlog" == true && -z "${SIGSTORE_REKOR_PUBLIC_KEY:-}" ]]; then
  cosign_die "COSIGN_TLOG=true with our tool needs SIGSTORE_REKOR_PUBLIC_KEY (Rekor's public key, checked offline), or the real cosign CLI"
fi
cosign_registry_flags
ref="$(cosign_resolve "$image")"
cosign_log "verifying $ref (resolved from $image) against $public_key using $impl, transparency log: $tlog"

flags=(--key "$public_key")
[[ "$tlog" == true ]] || flags+=(--insecure-ignore-tlog)
status=0
if [[ "$impl" == cosign ]]; then
  cosign verify "${flags[@]}" ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$@" "$ref" || status=$?
else
  cosign_tool verify "${flags[@]}" ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$@" "$ref" || status=$?
fi

if [[ $status -ne 0 ]]; then
  cosign_log "FAILED: $ref has no valid signature for $public_key"
  exit "$status"
fi
cosign_log "OK: $ref is signed by $public_key (checked: ECDSA signature over each payload, payload digest == resolved digest)"

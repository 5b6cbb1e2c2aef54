#!/usr/bin/env bash
# Verifies an image's cosign signature and its signed CycloneDX SBOM attestation against the project's public
# key (by digest; the tag is resolved first).
# Usage: docker/verify.sh [--print-sbom] IMAGE [extra verify flags, e.g. -a git-sha=abc123]
#   --print-sbom   print the verified SBOM (the attestation's predicate) on stdout instead of the payloads
# Environment: COSIGN_PUBLIC_KEY (default deploy/cosign/cosign.pub, the one place the key is configured), SIGSTORE_REKOR_PUBLIC_KEY (offline tlog check
# with COSIGN_TLOG=true), and those in cosign-common.sh.
# COSIGN_VERIFY_ATTESTATION=false checks the signature only.
# Exit status is non-zero when no valid signature or attestation is found. The verified payloads go to stdout.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cosign-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/cosign-common.sh"

print_sbom=false
if [[ "${1:-}" == --print-sbom ]]; then
  print_sbom=true
  shift
fi
[[ $# -ge 1 ]] || { cosign_log "usage: $0 [--print-sbom] IMAGE [extra verify flags]"; exit 2; }
image="$1"
shift
public_key="${COSIGN_PUBLIC_KEY:-$(cd "$COSIGN_SCRIPT_DIR/.." && pwd)/deploy/cosign/cosign.pub}"
[[ -f "$public_key" ]] || cosign_die "public key $public_key not found: put the project's public key there or set COSIGN_PUBLIC_KEY (docs/cosign.md)"

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
payloads="$(mktemp)"
trap 'rm -f "$payloads"' EXIT
if [[ "$impl" == cosign ]]; then
  cosign verify "${flags[@]}" ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$@" "$ref" > "$payloads" || status=$?
else
  cosign_tool verify "${flags[@]}" ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$@" "$ref" > "$payloads" || status=$?
fi

if [[ $status -ne 0 ]]; then
  cosign_log "FAILED: $ref has no valid signature for $public_key"
  exit "$status"
fi
cosign_log "OK: $ref is signed by $public_key (checked: ECDSA signature over each payload, payload digest == resolved digest)"

if [[ "${COSIGN_VERIFY_ATTESTATION:-true}" == false ]]; then
  cosign_log "COSIGN_VERIFY_ATTESTATION=false: the SBOM attestation was not checked"
  [[ "$print_sbom" == false ]] || cosign_die "--print-sbom needs the attestation check"
  cat "$payloads"
  exit 0
fi

envelopes="$(mktemp)"
trap 'rm -f "$payloads" "$envelopes"' EXIT
if [[ "$impl" == cosign ]]; then
  cosign verify-attestation "${flags[@]}" --type cyclonedx ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$ref" > "$envelopes" || status=$?
else
  cosign_tool verify-attestation "${flags[@]}" --type cyclonedx ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$ref" > "$envelopes" || status=$?
fi
if [[ $status -ne 0 ]]; then
  cosign_log "FAILED: $ref has no valid CycloneDX SBOM attestation for $public_key"
  exit "$status"
fi
cosign_log "OK: $ref has a CycloneDX SBOM attestation signed by $public_key (checked: DSSE signature, in-toto subject == resolved digest)"

if [[ "$print_sbom" == true ]]; then
  command -v jq >/dev/null 2>&1 || cosign_die "--print-sbom needs jq"
  # Each line is a verified DSSE envelope; its payload is the in-toto statement, whose predicate is the SBOM.
  head -n 1 "$envelopes" | jq -r .payload | base64 -d | jq .predicate
else
  cat "$payloads"
fi

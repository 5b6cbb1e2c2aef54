#!/usr/bin/env bash
# Signs a container image with the project's cosign key, always by digest (the tag is resolved first), and
# attaches the image's SBOM as a signed attestation (cosign attest --type cyclonedx) made with the same key.
# Usage: docker/sign.sh IMAGE [extra sign flags, e.g. -a git-sha=abc123]
# Environment: COSIGN_KEY (default deploy/cosign/cosign.key), COSIGN_PASSWORD,
#   SBOM_FILE (default artifacts/sbom.cdx.json, written by docker/build.sh; SBOM_FILE=none signs without
#   attesting), and those in cosign-common.sh.
# Prints the signed reference IMAGE@sha256:... on stdout.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cosign-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/cosign-common.sh"

[[ $# -ge 1 ]] || { cosign_log "usage: $0 IMAGE [extra sign flags]"; exit 2; }
image="$1"
shift
key="${COSIGN_KEY:-$COSIGN_SCRIPT_DIR/../deploy/cosign/cosign.key}"
[[ -f "$key" ]] || cosign_die "private key $key not found (set COSIGN_KEY, or run docker/generate-keys.sh)"
sbom="${SBOM_FILE:-$COSIGN_SCRIPT_DIR/../artifacts/sbom.cdx.json}"
if [[ "$sbom" != none && ! -f "$sbom" ]]; then
  cosign_die "SBOM $sbom not found: docker/build.sh writes it (or set SBOM_FILE=none to sign without an attestation)"
fi

impl="$(cosign_impl)"
tlog="$(cosign_tlog_choice "$image" "$impl")"
if [[ "$impl" == dotnet && "$tlog" == true ]]; then
  cosign_die "COSIGN_TLOG=true needs the real cosign CLI (our tool has no Rekor client)"
fi
cosign_registry_flags
ref="$(cosign_resolve "$image")"
cosign_log "signing $ref (resolved from $image) with $key using $impl, transparency log: $tlog"

if [[ "$impl" == cosign ]]; then
  flags=(--yes --key "$key" "--tlog-upload=$tlog")
  if [[ "$(cosign_major_version)" -ge 3 ]]; then
    # v3 defaults to the bundle/referrer format; the classic .sig format is what Kyverno and
    # policy-controller key authorities read (docs/cosign.md).
    flags+=(--new-bundle-format=false --use-signing-config=false)
  fi
  cosign sign "${flags[@]}" ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$@" "$ref" >&2
else
  cosign_tool sign --key "$key" --tlog-upload=false ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$@" "$ref" >/dev/null
fi
cosign_log "signed $ref"

if [[ "$sbom" != none ]]; then
  # --replace: one SBOM per image; re-running the script does not pile up attestations.
  if [[ "$impl" == cosign ]]; then
    flags=(--yes --key "$key" "--tlog-upload=$tlog" --type cyclonedx --predicate "$sbom" --replace)
    if [[ "$(cosign_major_version)" -ge 3 ]]; then
      flags+=(--new-bundle-format=false --use-signing-config=false)
    fi
    cosign attest "${flags[@]}" ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$ref" >&2
  else
    cosign_tool attest --key "$key" --tlog-upload=false --type cyclonedx --predicate "$sbom" --replace \
      ${COSIGN_REGISTRY_FLAGS[@]+"${COSIGN_REGISTRY_FLAGS[@]}"} "$ref" >/dev/null
  fi
  cosign_log "attested $ref with the CycloneDX SBOM $sbom"
fi
echo "$ref"

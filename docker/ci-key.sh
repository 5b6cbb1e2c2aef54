#!/usr/bin/env bash
# The signing key for one CI run, from the CI secret store when there is one.
# Usage: docker/ci-key.sh DIR      writes DIR/cosign.key (mode 0600) and DIR/cosign.pub; prints "secret" or
#                                  "throwaway" on stdout.
# Environment: COSIGN_PRIVATE_KEY  contents of the encrypted cosign.key (a CI secret), COSIGN_PASSWORD its password.
# Without COSIGN_PRIVATE_KEY a throwaway pair is made for this run and the log says so: the images of such a run
# verify only against that run's public key, never against deploy/cosign/cosign.pub.
# With it, the derived public key must equal deploy/cosign/cosign.pub when that file exists (a rotated secret
# with a stale public key, or the reverse, stops here instead of at the cluster's admission webhook).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cosign-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/cosign-common.sh"

[[ $# -eq 1 ]] || { cosign_log "usage: $0 DIR"; exit 2; }
dir="$1"
mkdir -p "$dir"
umask 077
configured="$(cd "$COSIGN_SCRIPT_DIR/.." && pwd)/deploy/cosign/cosign.pub"
impl="$(cosign_impl)"

if [[ -n "${COSIGN_PRIVATE_KEY:-}" ]]; then
  printf '%s\n' "$COSIGN_PRIVATE_KEY" > "$dir/cosign.key"
  if [[ "$impl" == cosign ]]; then
    cosign public-key --key "$dir/cosign.key" > "$dir/cosign.pub"
  else
    cosign_tool public-key --key "$dir/cosign.key" > "$dir/cosign.pub"
  fi
  if [[ -f "$configured" ]] && ! cmp -s <(tr -d '\r' < "$configured" | sed '/^$/d') <(sed '/^$/d' "$dir/cosign.pub"); then
    cosign_die "the COSIGN_PRIVATE_KEY secret does not belong to $configured: rotate both together (docs/cosign.md)"
  fi
  cosign_log "signing with the key from the COSIGN_PRIVATE_KEY secret"
  echo secret
else
  rm -f "$dir/cosign.key" "$dir/cosign.pub"
  COSIGN_PASSWORD="${COSIGN_PASSWORD:-}" "$COSIGN_SCRIPT_DIR/generate-keys.sh" "$dir/cosign" >/dev/null
  cosign_log "WARNING: no COSIGN_PRIVATE_KEY secret is configured: signing with a THROWAWAY key made for this run only ($dir/cosign.pub); nothing outside this run trusts it"
  echo throwaway
fi

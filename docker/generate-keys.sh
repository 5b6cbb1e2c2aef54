#!/usr/bin/env bash
# Generates the project's cosign key pair: PREFIX.key (encrypted, mode 0600, never committed) and PREFIX.pub.
# Usage: docker/generate-keys.sh [PREFIX]        (default PREFIX: deploy/cosign/cosign)
# The default puts PREFIX.pub where every verifier reads it (deploy/cosign/cosign.pub, the one place the key
# is configured); move PREFIX.key out of the repository into your secret store (docs/cosign.md).
# The password comes from COSIGN_PASSWORD (may be empty), or a prompt. See docs/cosign.md for rotation.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=cosign-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/cosign-common.sh"

prefix="${1:-$COSIGN_SCRIPT_DIR/../deploy/cosign/cosign}"
for file in "$prefix.key" "$prefix.pub"; do
  [[ ! -e "$file" ]] || cosign_die "$file already exists; move the old pair away first (see docs/cosign.md, key rotation)"
done

impl="$(cosign_impl)"
cosign_log "generating an ECDSA P-256 cosign key pair with $impl"
if [[ "$impl" == cosign ]]; then
  cosign generate-key-pair --output-key-prefix "$prefix"
else
  cosign_tool generate-key-pair --output-key-prefix "$prefix"
fi

# A private key inside the work tree must be ignored by git; say so loudly if it is not.
if git -C "$(dirname "$prefix")" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
    && ! git -C "$(dirname "$prefix")" check-ignore -q "$prefix.key"; then
  cosign_log "WARNING: $prefix.key is NOT ignored by git: move it out of the repository before committing"
fi
cosign_log "$prefix.pub is the public key verifiers read; keep $prefix.key secret (CI reads it from a secret, see docs/cosign.md)"

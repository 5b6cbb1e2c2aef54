#!/usr/bin/env bash
# Builds the air-gapped .NET SDK build image and pushes it to $REGISTRY/dotnet/sdk:10.0.
#
# Layer 1: a small Debian bookworm userland assembled from .debs (dash as /bin/sh, bash, coreutils, grep,
#          sed, findutils, libc, libstdc++, zlib, OpenSSL, ICU, tzdata, CA certificates) with the CA bundle
#          of THIS host, i.e. including the extra CAs in /usr/local/share/ca-certificates. NuGet traffic
#          here goes through a TLS-intercepting egress that only those CAs make trusted, so the image must be
#          built on the machine (CI run) that uses it; do not reuse one built elsewhere.
# Layer 2: the host's installed .NET SDK ($DOTNET_ROOT, default /usr/share/dotnet).
#
# Usage: docker/base/build-sdk-image.sh
# Env: REGISTRY (127.0.0.1:5000), REGISTRY_TLS_VERIFY (false), CACHE_DIR (~/.cache/fakeshop-images),
#      DOTNET_ROOT (/usr/share/dotnet), SDK_TAG (10.0), EXTRA_CA_DIR (/usr/local/share/ca-certificates),
#      FORCE=1 (rebuild and push even if up to date).
# Idempotent like build-runtime-base.sh (inputs hash label + cached OCI layout). Prints "repo@sha256:...".
set -euo pipefail
SCRIPT_NAME=build-sdk-image
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

case ${1:-} in -h|--help) sed -n '2,17p' "$0"; exit 0 ;; "") ;; *) die "unknown argument: $1" ;; esac

need_root
need apt-get dpkg-deb umoci skopeo jq curl ldconfig sha256sum
check_registry

DOTNET_ROOT="${DOTNET_ROOT:-/usr/share/dotnet}"
SDK_TAG="${SDK_TAG:-10.0}"
EXTRA_CA_DIR="${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"
REF="$REGISTRY/dotnet/sdk:$SDK_TAG"

[[ -x $DOTNET_ROOT/dotnet ]] || die "no .NET SDK at DOTNET_ROOT=$DOTNET_ROOT"
SDK_VERSIONS=$(ls "$DOTNET_ROOT/sdk" 2>/dev/null | grep -E '^[0-9]+\.' | sort -V | tr '\n' ' ' || true)
[[ -n $SDK_VERSIONS ]] || die "no SDK under $DOTNET_ROOT/sdk (a runtime-only install cannot build the app)"
grep -q "^${SDK_TAG%%.*}\." <<<"${SDK_VERSIONS// /$'\n'}" || die "no $SDK_TAG SDK under $DOTNET_ROOT/sdk (found: $SDK_VERSIONS)"
RUNTIMES=$(ls "$DOTNET_ROOT"/shared/* 2>/dev/null | tr '\n' ' ')

mapfile -t EXTRA_CAS < <(find "$EXTRA_CA_DIR" -type f -name '*.crt' 2>/dev/null | sort)
((${#EXTRA_CAS[@]})) || log "note: no extra CA certificates in $EXTRA_CA_DIR; the image trusts the Mozilla set only"

PKGS=(libc6 libgcc-s1 gcc-12-base libstdc++6 zlib1g libssl3 libicu72 tzdata ca-certificates
      dash bash libtinfo6 coreutils libacl1 libattr1 libselinux1 libpcre2-8-0 libgmp10 grep sed findutils)

HASH=$( { cat "$HERE/lib.sh" "$0"; echo "sdks=$SDK_VERSIONS runtimes=$RUNTIMES"; deb_uris "${PKGS[@]}";
          ((${#EXTRA_CAS[@]})) && sha256sum "${EXTRA_CAS[@]}"; true; } | hash_inputs)
LABEL=dev.fakeshop.base.inputs-hash

if [[ $FORCE != 1 && $(remote_label "$REF" "$LABEL") == "$HASH" ]]; then
    log "up to date in $REGISTRY (inputs $HASH)"
    echo "${REF%:*}@$(remote_digest "$REF")"
    exit 0
fi

OUT="$CACHE_DIR/sdk-$HASH"
LAYOUT="$OUT/oci"
if [[ ! -f $OUT/complete || $FORCE == 1 ]]; then
    start=$SECONDS
    rm -rf "$OUT"; mkdir -p "$OUT"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/sdk-image.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    R="$WORK/bundle/rootfs"

    umoci init --layout "$LAYOUT"
    umoci new --image "$LAYOUT:empty"
    umoci unpack --image "$LAYOUT:empty" "$WORK/bundle" >/dev/null

    fetch_debs "$WORK/debs" "${PKGS[@]}"
    extract_debs "$R" "$WORK/debs"
    [[ -e $R/bin/sh ]] || ln -s dash "$R/bin/sh"
    rm -rf "$R"/usr/share/{doc,man,info,lintian,gdb,locale,bug} "$R"/usr/lib/x86_64-linux-gnu/libicu{test,tu}.so.*
    mkdir -p "$R/usr/local/share/ca-certificates"
    ((${#EXTRA_CAS[@]})) && cp "${EXTRA_CAS[@]}" "$R/usr/local/share/ca-certificates/"
    ca_bundle "$R" "${EXTRA_CAS[@]}"
    write_users "$R" /bin/sh
    mkdir -p "$R/src" "$R/var/tmp" && chmod 1777 "$R/var/tmp"
    finish_rootfs "$R"
    umoci repack --refresh-bundle --image "$LAYOUT:os" \
        --history.created_by "debian bookworm .debs + host CA certificates (${#EXTRA_CAS[@]} extra)" "$WORK/bundle"

    # Layer 2: the host SDK.
    mkdir -p "$R/usr/share" "$R/usr/bin"
    cp -a "$DOTNET_ROOT" "$R/usr/share/dotnet"
    ln -sfn /usr/share/dotnet/dotnet "$R/usr/bin/dotnet"
    umoci repack --image "$LAYOUT:sdk" --history.created_by "host .NET SDK $SDK_VERSIONS" "$WORK/bundle"
    umoci config --image "$LAYOUT:sdk" --no-history --os linux --architecture amd64 \
        --config.workingdir /src --config.cmd /bin/bash \
        --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --config.env DOTNET_ROOT=/usr/share/dotnet --config.env DOTNET_RUNNING_IN_CONTAINER=true \
        --config.env DOTNET_NOLOGO=true --config.env DOTNET_CLI_TELEMETRY_OPTOUT=1 \
        --config.env DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 --config.env DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
        --config.env NUGET_XMLDOC_MODE=skip --config.env APP_UID=1654 \
        --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
        --config.label "$LABEL=$HASH" \
        --config.label org.opencontainers.image.title=dotnet-sdk-local \
        --config.label "org.opencontainers.image.description=Debian bookworm + host .NET SDK $SDK_VERSIONS + host CA certificates" \
        --config.label org.opencontainers.image.base.name=debian:bookworm
    umoci rm --image "$LAYOUT:empty"
    umoci rm --image "$LAYOUT:os"
    umoci gc --layout "$LAYOUT"
    touch "$OUT/complete"
    log "assembled in $((SECONDS - start)) s"
    ls -1dt "$CACHE_DIR"/sdk-* 2>/dev/null | tail -n +3 | xargs -r rm -rf
else
    log "reusing cached OCI layout $LAYOUT"
fi

push_layout "$LAYOUT" sdk "$REF"
log "pushed $REF ($(gz_size_mb "$REF") MB compressed)"

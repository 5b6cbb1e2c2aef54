#!/usr/bin/env bash
# Builds air-gapped, distroless .NET runtime base images from Debian .debs and pushes them to $REGISTRY:
#
#   $REGISTRY/dotnet/runtime-deps:10.0-distroless   libc, libstdc++, zlib, OpenSSL 3, CA certificates, tzdata,
#                                                   passwd/group with app 1654:1654, no shell, no package manager
#   $REGISTRY/dotnet/aspnet:10.0-distroless         the above + the host's ASP.NET Core/.NET shared runtime
#                                                   (/usr/share/dotnet/{dotnet,host,shared}) as a second layer
#
# Usage: docker/base/build-runtime-base.sh [--icu] [--only runtime-deps|aspnet]
#   --icu    also install libicu72 (tags get an "-icu" suffix); without it the images set
#            DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true, like Microsoft's chiseled images.
# Env: REGISTRY (127.0.0.1:5000), REGISTRY_TLS_VERIFY (false), CACHE_DIR (~/.cache/fakeshop-images),
#      DOTNET_ROOT (/usr/share/dotnet, for the aspnet variant), FORCE=1 (rebuild and push even if up to date).
#
# Idempotent: the inputs (this script, the exact .deb versions, the host runtime versions) are hashed;
# an image already in the registry with the same hash label is left alone, and an OCI layout built
# before from the same inputs is reused from $CACHE_DIR. Prints one "repo@sha256:..." line per image.
set -euo pipefail
SCRIPT_NAME=build-runtime-base
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

ICU=0
ONLY=""
while (($#)); do
    case $1 in
        --icu) ICU=1 ;;
        --only) ONLY=${2:?--only needs runtime-deps or aspnet}; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
case $ONLY in ""|runtime-deps|aspnet) ;; *) die "--only must be runtime-deps or aspnet, not '$ONLY'" ;; esac

need_root
need apt-get dpkg-deb umoci skopeo jq curl ldconfig sha256sum gzip
check_registry

DOTNET_ROOT="${DOTNET_ROOT:-/usr/share/dotnet}"
CHANNEL="${DOTNET_CHANNEL:-10.0}"
SUFFIX=""; ((ICU)) && SUFFIX="-icu"
DEPS_REF="$REGISTRY/dotnet/runtime-deps:$CHANNEL-distroless$SUFFIX"
ASPNET_REF="$REGISTRY/dotnet/aspnet:$CHANNEL-distroless$SUFFIX"

PKGS=(libc6 libgcc-s1 gcc-12-base libstdc++6 zlib1g libssl3 ca-certificates tzdata)
((ICU)) && PKGS+=(libicu72)

BUILD_ASPNET=1
[[ $ONLY == runtime-deps ]] && BUILD_ASPNET=0
RUNTIME_VERSIONS=""
if ((BUILD_ASPNET)); then
    [[ -x $DOTNET_ROOT/dotnet ]] || die "no .NET runtime at DOTNET_ROOT=$DOTNET_ROOT (needed for the aspnet variant; use --only runtime-deps to skip it)"
    ASPNET_VERSION=$(ls "$DOTNET_ROOT/shared/Microsoft.AspNetCore.App" 2>/dev/null | grep "^$CHANNEL\." | sort -V | tail -1 || true)
    DOTNET_VERSION=$(ls "$DOTNET_ROOT/shared/Microsoft.NETCore.App" 2>/dev/null | grep "^$CHANNEL\." | sort -V | tail -1 || true)
    [[ -n $ASPNET_VERSION && -n $DOTNET_VERSION ]] \
        || die "no $CHANNEL.x ASP.NET Core + .NET runtime under $DOTNET_ROOT/shared (found: $(ls "$DOTNET_ROOT/shared" 2>/dev/null | tr '\n' ' '))"
    RUNTIME_VERSIONS="netcore=$DOTNET_VERSION aspnet=$ASPNET_VERSION"
fi

HASH=$( { cat "$HERE/lib.sh" "$0"; echo "icu=$ICU channel=$CHANNEL $RUNTIME_VERSIONS"; deb_uris "${PKGS[@]}"; } | hash_inputs)
LABEL=dev.fakeshop.base.inputs-hash

# Up to date in the registry?
targets=()
[[ $ONLY != aspnet ]] && targets+=("$DEPS_REF")
((BUILD_ASPNET)) && targets+=("$ASPNET_REF")
if [[ $FORCE != 1 ]]; then
    uptodate=1
    for t in "${targets[@]}"; do [[ $(remote_label "$t" "$LABEL") == "$HASH" ]] || uptodate=0; done
    if ((uptodate)); then
        log "up to date in $REGISTRY (inputs $HASH)"
        for t in "${targets[@]}"; do echo "${t%:*}@$(remote_digest "$t")"; done
        exit 0
    fi
fi

OUT="$CACHE_DIR/runtime-$HASH"
LAYOUT="$OUT/oci"
if [[ ! -f $OUT/complete || $FORCE == 1 ]]; then
    start=$SECONDS
    rm -rf "$OUT"; mkdir -p "$OUT"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/runtime-base.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    R="$WORK/rootfs"; mkdir -p "$R"

    fetch_debs "$WORK/debs" "${PKGS[@]}"
    extract_debs "$R" "$WORK/debs"
    # Distroless: no executables at all (ldconfig, iconv, zic, update-ca-certificates, ...), no docs.
    rm -rf "$R"/bin "$R"/sbin "$R"/usr/bin "$R"/usr/sbin "$R"/usr/libexec "$R"/usr/local \
           "$R"/usr/share/{doc,man,info,lintian,gdb,gcc,locale,bug} "$R"/etc/ca-certificates "$R"/etc/ca-certificates.conf \
           "$R"/usr/lib/x86_64-linux-gnu/gconv "$R"/usr/lib/x86_64-linux-gnu/libicu{test,tu}.so.* \
           "$R"/usr/share/zoneinfo/{posix,right} "$R"/var/lib/dpkg/info
    ca_bundle "$R"
    write_users "$R" /usr/sbin/nologin
    mkdir -p "$R/app"
    finish_rootfs "$R"
    if find "$R" -type f -perm /111 \( -path '*/bin/*' -o -path '*/sbin/*' \) | grep -q .; then
        die "executables left in bin/sbin of the runtime rootfs"
    fi

    umoci init --layout "$LAYOUT"
    umoci new --image "$LAYOUT:empty"
    umoci unpack --image "$LAYOUT:empty" "$WORK/bundle" >/dev/null
    cp -a "$R/." "$WORK/bundle/rootfs/"
    umoci repack --image "$LAYOUT:runtime-deps" --history.created_by "debian bookworm .debs: ${PKGS[*]}" "$WORK/bundle"
    cfg=(--no-history --os linux --architecture amd64 --config.user 1654:1654 --config.workingdir /app
         --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
         --config.env APP_UID=1654 --config.env ASPNETCORE_HTTP_PORTS=8080 --config.env DOTNET_RUNNING_IN_CONTAINER=true
         --config.exposedports 8080/tcp
         --config.label "$LABEL=$HASH"
         --config.label org.opencontainers.image.title=dotnet-runtime-deps-distroless
         --config.label "org.opencontainers.image.description=Debian bookworm distroless .NET runtime dependencies (no shell, no package manager)"
         --config.label org.opencontainers.image.base.name=debian:bookworm)
    ((ICU)) || cfg+=(--config.env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true)
    umoci config --image "$LAYOUT:runtime-deps" "${cfg[@]}"

    if ((BUILD_ASPNET)); then
        rm -rf "$WORK/bundle"
        umoci unpack --image "$LAYOUT:runtime-deps" "$WORK/bundle" >/dev/null
        D="$WORK/bundle/rootfs/usr/share/dotnet"
        mkdir -p "$D/shared" "$D/host" "$WORK/bundle/rootfs/usr/bin"
        cp -a "$DOTNET_ROOT/dotnet" "$D/"
        cp -a "$DOTNET_ROOT"/{LICENSE.txt,ThirdPartyNotices.txt} "$D/" 2>/dev/null || true
        cp -a "$DOTNET_ROOT/host/fxr" "$D/host/"
        mkdir -p "$D/shared/Microsoft.NETCore.App" "$D/shared/Microsoft.AspNetCore.App"
        cp -a "$DOTNET_ROOT/shared/Microsoft.NETCore.App/$DOTNET_VERSION" "$D/shared/Microsoft.NETCore.App/"
        cp -a "$DOTNET_ROOT/shared/Microsoft.AspNetCore.App/$ASPNET_VERSION" "$D/shared/Microsoft.AspNetCore.App/"
        # LTTng tracing provider: its liblttng-ust dependency is not in the image, the runtime skips it anyway.
        rm -f "$D/shared/Microsoft.NETCore.App/$DOTNET_VERSION/libcoreclrtraceptprovider.so"
        ln -sfn /usr/share/dotnet/dotnet "$WORK/bundle/rootfs/usr/bin/dotnet"
        umoci repack --image "$LAYOUT:aspnet" --history.created_by "host .NET runtime $DOTNET_VERSION + ASP.NET Core $ASPNET_VERSION" "$WORK/bundle"
        umoci config --image "$LAYOUT:aspnet" --no-history \
            --config.env DOTNET_ROOT=/usr/share/dotnet --config.env "DOTNET_VERSION=$DOTNET_VERSION" \
            --config.env "ASPNET_VERSION=$ASPNET_VERSION" \
            --config.label org.opencontainers.image.title=dotnet-aspnet-distroless \
            --config.label "org.opencontainers.image.description=Debian bookworm distroless ASP.NET Core $ASPNET_VERSION runtime (no shell, no package manager)" \
            --config.label "org.opencontainers.image.version=$ASPNET_VERSION"
    fi
    umoci rm --image "$LAYOUT:empty"
    tags=(runtime-deps); ((BUILD_ASPNET)) && tags+=(aspnet)
    recompress_layers "$LAYOUT" "${tags[@]}"
    umoci gc --layout "$LAYOUT"
    touch "$OUT/complete"
    log "assembled in $((SECONDS - start)) s (rootfs $(du -sh "$R" | cut -f1))"
    # keep only the newest few cached layouts
    ls -1dt "$CACHE_DIR"/runtime-* 2>/dev/null | tail -n +5 | xargs -r rm -rf
else
    log "reusing cached OCI layout $LAYOUT"
fi

[[ $ONLY != aspnet ]] && { push_layout "$LAYOUT" runtime-deps "$DEPS_REF"; log "pushed $DEPS_REF ($(gz_size_mb "$DEPS_REF") MB compressed)"; }
((BUILD_ASPNET)) && { push_layout "$LAYOUT" aspnet "$ASPNET_REF"; log "pushed $ASPNET_REF ($(gz_size_mb "$ASPNET_REF") MB compressed)"; }
exit 0

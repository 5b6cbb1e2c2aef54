# shellcheck shell=bash
# Shared helpers for build-runtime-base.sh and build-sdk-image.sh (sourced, not executed).
#
# Both scripts assemble an OCI image from Debian .debs (downloaded through the host's own apt
# sources, so they work wherever `apt-get download` works) with umoci, then push it with skopeo.
# Nothing is pulled from Docker Hub or MCR.

set -euo pipefail

REGISTRY="${REGISTRY:-127.0.0.1:5000}"
# Plain-HTTP local registry by default; set REGISTRY_TLS_VERIFY=true for a real one.
REGISTRY_TLS_VERIFY="${REGISTRY_TLS_VERIFY:-false}"
CACHE_DIR="${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fakeshop-images}"
FORCE="${FORCE:-0}"

log() { printf '[%s] %s\n' "${SCRIPT_NAME:-base}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${SCRIPT_NAME:-base}" "$*" >&2; exit 1; }

need() {
    local missing=() t
    for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
    if ((${#missing[@]})); then
        die "missing tool(s): ${missing[*]} (Debian: apt-get install -y --no-install-recommends docker-registry skopeo umoci jq curl)"
    fi
}

need_root() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (dpkg-deb -x and umoci unpack/repack keep file ownership; use sudo)"
}

# Fails with a clear message when nothing answers at $REGISTRY.
check_registry() {
    local scheme=http
    [[ $REGISTRY_TLS_VERIFY == true ]] && scheme=https
    curl -s -o /dev/null --max-time 5 "$scheme://$REGISTRY/v2/" \
        || die "registry $REGISTRY is not reachable at $scheme://$REGISTRY/v2/ (start one, e.g. 'docker-registry serve config.yml', or set REGISTRY=host:port)"
}

# Prints the value of an image label from the registry, or nothing when the image does not exist.
remote_label() {
    local ref=$1 label=$2
    skopeo inspect --tls-verify="$REGISTRY_TLS_VERIFY" --config "docker://$ref" 2>/dev/null \
        | jq -r --arg l "$label" '.config.Labels[$l] // empty' 2>/dev/null || true
}

remote_digest() {
    skopeo inspect --tls-verify="$REGISTRY_TLS_VERIFY" --format '{{.Digest}}' "docker://$1"
}

# deb_uris PKG... -> "uri filename size SHA256:hex" lines (sorted) for the candidate versions.
deb_uris() {
    local out
    out=$(apt-get download --print-uris "$@" 2>&1) \
        || die "apt-get cannot resolve the packages ($*): ${out##*$'\n'} -- run 'apt-get update' first"
    grep "^'" <<<"$out" | sort \
        || die "apt-get printed no download URIs for: $* (run 'apt-get update')"
}

# fetch_debs DEST PKG...: downloads the candidate .debs into the shared cache (once) and links them into DEST.
fetch_debs() {
    local dest=$1; shift
    local cache="$CACHE_DIR/debs" line file sum
    mkdir -p "$cache" "$dest"
    local missing=()
    while read -r line; do
        file=$(awk '{print $2}' <<<"$line"); sum=$(awk '{print $4}' <<<"$line"); sum=${sum#SHA256:}
        if [[ -f $cache/$file ]] && echo "$sum  $cache/$file" | sha256sum -c --status; then
            :
        else
            missing+=("$file")
        fi
    done < <(deb_uris "$@")
    if ((${#missing[@]})); then
        log "downloading ${#missing[@]} .deb(s) with apt-get download"
        (cd "$cache" && apt-get -q -o APT::Sandbox::User=root download "$@" >/dev/null) \
            || die "apt-get download failed for: $*"
    fi
    while read -r line; do
        file=$(awk '{print $2}' <<<"$line")
        [[ -f $cache/$file ]] || die "expected $cache/$file after download (apt cache out of date? run apt-get update)"
        ln -f "$cache/$file" "$dest/$file" 2>/dev/null || cp "$cache/$file" "$dest/$file"
    done < <(deb_uris "$@")
}

# extract_debs ROOTFS DEBDIR: unpacks every .deb (no maintainer scripts run) and records what went in
# under /var/lib/dpkg/status.d/ (the distroless convention, so image scanners can list the packages;
# there is no dpkg binary in the image).
extract_debs() {
    local rootfs=$1 debdir=$2 deb pkg
    mkdir -p "$rootfs/var/lib/dpkg/status.d"
    for deb in "$debdir"/*.deb; do
        dpkg-deb -x "$deb" "$rootfs"
        pkg=$(dpkg-deb -f "$deb" Package)
        { dpkg-deb -f "$deb" Package Version Architecture Source Maintainer Depends Description | sed '/^Description:/,$d'
          echo "Status: install ok installed"; } > "$rootfs/var/lib/dpkg/status.d/$pkg"
    done
}

# write_users ROOTFS SHELL: root + app (1654:1654), home /home/app owned by app.
write_users() {
    local r=$1 sh=$2
    mkdir -p "$r/etc" "$r/home/app" "$r/root" "$r/tmp"
    printf 'root:x:0:0:root:/root:%s\napp:x:1654:1654:app:/home/app:%s\n' "$sh" "$sh" > "$r/etc/passwd"
    printf 'root:x:0:\napp:x:1654:\n' > "$r/etc/group"
    printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' > "$r/etc/nsswitch.conf"
    chown 1654:1654 "$r/home/app"; chmod 755 "$r/home/app"
    chmod 700 "$r/root"; chmod 1777 "$r/tmp"
}

# ca_bundle ROOTFS: the Mozilla set from the ca-certificates .deb plus any extra arguments (PEM files).
ca_bundle() {
    local r=$1; shift
    mkdir -p "$r/etc/ssl/certs" "$r/usr/lib/ssl"
    cat "$r"/usr/share/ca-certificates/mozilla/*.crt "$@" > "$r/etc/ssl/certs/ca-certificates.crt"
    ln -sfn /etc/ssl/certs "$r/usr/lib/ssl/certs"
    ln -sfn /etc/ssl/certs/ca-certificates.crt "$r/usr/lib/ssl/cert.pem"
}

# finish_rootfs ROOTFS: os-release, UTC localtime, ld.so.cache.
finish_rootfs() {
    local r=$1
    cp /usr/lib/os-release "$r/etc/os-release"
    [[ -e $r/usr/share/zoneinfo/Etc/UTC ]] && ln -sfn /usr/share/zoneinfo/Etc/UTC "$r/etc/localtime"
    echo 'Etc/UTC' > "$r/etc/timezone"
    mkdir -p "$r/etc/ld.so.conf.d" "$r/proc" "$r/sys" "$r/dev"
    echo 'include /etc/ld.so.conf.d/*.conf' > "$r/etc/ld.so.conf"
    ldconfig -r "$r"
}

# push_layout LAYOUT_DIR TAG REF: copies oci:LAYOUT_DIR:TAG to docker://REF and prints REF@digest.
push_layout() {
    local layout=$1 tag=$2 ref=$3 digest
    skopeo copy -q --dest-tls-verify="$REGISTRY_TLS_VERIFY" "oci:$layout:$tag" "docker://$ref" >/dev/null \
        || die "push of $ref failed"
    digest=$(remote_digest "$ref") || die "pushed $ref but cannot read its digest back"
    echo "${ref%:*}@$digest"
}

# hash_inputs: sha256 over stdin.
hash_inputs() { sha256sum | cut -c1-16; }

gz_size_mb() { # total compressed layer size of an image in the registry, MB
    skopeo inspect --tls-verify="$REGISTRY_TLS_VERIFY" --raw "docker://$1" \
        | jq '[.layers[].size] | add / 1000000 | . * 10 | round / 10'
}

# recompress_layers LAYOUT TAG...: rewrites every gzip layer of the tagged manifests with `gzip -9n`.
# umoci compresses for speed; GNU gzip -9 makes the 106 MB .NET runtime layer ~3.5 MB (7 %) smaller, which
# every node pulling the image gains. -n (no name/time) keeps the output a function of the content, so
# the same layer under two tags gets one digest. The config (diff_ids) does not change.
recompress_layers() {
    local layout=$1; shift
    local tag mdigest mfile manifest i n ldigest lmt tmp newd size
    declare -A done_map=()
    for tag in "$@"; do
        mdigest=$(jq -r --arg t "$tag" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"]==$t) | .digest' "$layout/index.json")
        [[ $mdigest == sha256:* ]] || die "tag $tag not found in $layout"
        mfile="$layout/blobs/sha256/${mdigest#sha256:}"
        manifest=$(cat "$mfile")
        n=$(jq '.layers | length' <<<"$manifest")
        for ((i = 0; i < n; i++)); do
            ldigest=$(jq -r ".layers[$i].digest" <<<"$manifest")
            lmt=$(jq -r ".layers[$i].mediaType" <<<"$manifest")
            [[ $lmt == *gzip ]] || continue
            if [[ -z ${done_map[$ldigest]:-} ]]; then
                tmp="$layout/blobs/sha256/.recompress.tmp"
                gzip -dc "$layout/blobs/sha256/${ldigest#sha256:}" | gzip -9n > "$tmp"
                newd=$(sha256sum "$tmp" | cut -d' ' -f1)
                mv "$tmp" "$layout/blobs/sha256/$newd"
                done_map[$ldigest]="sha256:$newd $(stat -c %s "$layout/blobs/sha256/$newd")"
            fi
            read -r newd size <<<"${done_map[$ldigest]}"
            manifest=$(jq -c --argjson i "$i" --arg d "$newd" --argjson s "$size" '.layers[$i].digest = $d | .layers[$i].size = $s' <<<"$manifest")
        done
        printf '%s' "$manifest" > "$layout/blobs/sha256/.manifest.tmp"
        newd=$(sha256sum "$layout/blobs/sha256/.manifest.tmp" | cut -d' ' -f1)
        size=$(stat -c %s "$layout/blobs/sha256/.manifest.tmp")
        mv "$layout/blobs/sha256/.manifest.tmp" "$layout/blobs/sha256/$newd"
        jq -c --arg t "$tag" --arg d "sha256:$newd" --argjson s "$size" \
            '(.manifests[] | select(.annotations["org.opencontainers.image.ref.name"]==$t)) |= (.digest = $d | .size = $s)' \
            "$layout/index.json" > "$layout/index.json.tmp" && mv "$layout/index.json.tmp" "$layout/index.json"
    done
}

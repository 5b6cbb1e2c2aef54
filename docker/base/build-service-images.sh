#!/usr/bin/env bash
# Builds the infrastructure images of docker/compose.yaml from Debian bookworm .debs and pushes them to $REGISTRY,
# for machines that cannot pull postgres, nginx and prom/prometheus from Docker Hub (the container tests, air-gapped CI):
#
#   $REGISTRY/bookworm/postgres:15     postgresql-15 + client, dash as /bin/sh and a small entrypoint that runs initdb
#                                      from POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB on an empty PGDATA. UID 999.
#   $REGISTRY/bookworm/nginx:1.22      Debian's nginx (the binary of nginx-light), no shell. UID 101.
#   $REGISTRY/bookworm/prometheus:2    Debian's prometheus, no shell. UID 65534 (nobody), like prom/prometheus.
#
# Use them with compose:  POSTGRES_IMAGE=$REGISTRY/bookworm/postgres:15 NGINX_IMAGE=... PROMETHEUS_IMAGE=... (docs/operations.md)
#
# Usage: docker/base/build-service-images.sh [--only postgres|nginx|prometheus]...
# Env: REGISTRY (127.0.0.1:5000), REGISTRY_TLS_VERIFY (false), CACHE_DIR (~/.cache/fakeshop-images), FORCE=1.
# Idempotent like build-runtime-base.sh: an image whose inputs hash (this script, lib.sh, the exact .deb versions) is
# already in the registry is left alone. Prints one "repo@sha256:..." line per image.
#
# The PostgreSQL image has a shell because initdb itself runs `/bin/sh -c` (popen) and the first-start logic is a
# script; nginx and Prometheus need none, so they get none. None of them runs as root.
set -euo pipefail
SCRIPT_NAME=build-service-images
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

ONLY=()
while (($#)); do
    case $1 in
        --only) case ${2:-} in postgres|nginx|prometheus) ONLY+=("$2") ;; *) die "--only needs postgres, nginx or prometheus" ;; esac; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
    shift
done
((${#ONLY[@]})) || ONLY=(postgres nginx prometheus)

need_root
need apt-get dpkg-deb umoci skopeo jq curl ldconfig sha256sum gzip chroot
check_registry

LABEL=dev.fakeshop.base.inputs-hash
PATH_ENV=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The shared libraries of the packages below, listed by hand (apt's dependency closure would drag in perl,
# debconf, systemd helpers and LLVM); check_libs proves the list complete by loading every ELF file.
LIBS_BASE=(libc6 libgcc-s1 gcc-12-base zlib1g libssl3 tzdata)
PG_PKGS=("${LIBS_BASE[@]}" postgresql-15 postgresql-client-15 libpq5 libc-bin dash
    libstdc++6 libicu72 libxml2 libxslt1.1 liblzma5 libzstd1 liblz4-1 libuuid1 libreadline8 libtinfo6
    libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1
    libldap-2.5-0 libsasl2-2 libsasl2-modules-db libdb5.3 libgnutls30 libp11-kit0 libffi8 libidn2-0 libunistring2
    libtasn1-6 libnettle8 libhogweed6 libgmp10 libpam0g libaudit1 libcap-ng0 libselinux1 libpcre2-8-0
    libsystemd0 libcap2 libgcrypt20 libgpg-error0)
NGINX_PKGS=("${LIBS_BASE[@]}" nginx nginx-common libcrypt1 libpcre2-8-0)
PROM_PKGS=(libc6 prometheus ca-certificates tzdata)

# users ROOTFS "name:uid" ...: /etc/passwd and /etc/group with root plus the given service users (no login shell).
users() {
    local r=$1 entry name uid; shift
    mkdir -p "$r/etc" "$r/root" "$r/tmp"
    printf 'root:x:0:0:root:/root:/usr/sbin/nologin\n' > "$r/etc/passwd"
    printf 'root:x:0:\n' > "$r/etc/group"
    for entry in "$@"; do
        name=${entry%%:*}; uid=${entry#*:}
        printf '%s:x:%s:%s:%s:/nonexistent:/usr/sbin/nologin\n' "$name" "$uid" "$uid" "$name" >> "$r/etc/passwd"
        printf '%s:x:%s:\n' "$name" "$uid" >> "$r/etc/group"
    done
    printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' > "$r/etc/nsswitch.conf"
    chmod 700 "$r/root"; chmod 1777 "$r/tmp"
}

# check_libs ROOTFS: every ELF executable and shared object must resolve all its libraries inside the rootfs
# (the image's own loader, chrooted; plugins we deleted cannot be missed).
check_libs() {
    local r=$1 f out bad=()
    while IFS= read -r f; do
        [[ $(head -c4 "$f" 2>/dev/null | od -An -c | tr -d ' ') == 177ELF ]] || continue
        out=$(chroot "$r" /lib64/ld-linux-x86-64.so.2 --list "${f#"$r"}" 2>&1) || true
        grep -q 'not found' <<<"$out" && bad+=("${f#"$r"}: $(grep 'not found' <<<"$out" | awk '{print $1}' | tr '\n' ' ')")
    done < <(find "$r" -type f \( -perm /111 -o -name '*.so*' \) ! -path "$r/proc/*")
    ((${#bad[@]} == 0)) || die "unresolved libraries: ${bad[*]}"
}

strip_docs() {
    local r=$1
    rm -rf "$r"/usr/share/{doc,man,info,lintian,bug,locale,bash-completion,menu} "$r"/var/lib/dpkg/info "$r"/etc/init.d \
           "$r"/etc/logrotate.d "$r"/lib/systemd "$r"/usr/lib/systemd "$r"/etc/default "$r"/etc/cron.* \
           "$r"/usr/share/zoneinfo/{posix,right}
}

# ------------------------------------------------------------------ postgres
rootfs_postgres() {
    local r=$1 bin=/usr/lib/postgresql/15/bin
    # Only what runs: the server, initdb, pg_isready/psql/pg_dump for operators; C.UTF-8 and `locale` (initdb
    # lists the locales with it to import collations) from libc-bin.
    find "$r/usr/bin" "$r/usr/sbin" "$r/sbin" -mindepth 1 ! -name dash ! -name sh ! -name locale -delete 2>/dev/null || true
    mkdir -p "$r/usr/lib/locale.keep" && mv "$r/usr/lib/locale/C.utf8" "$r/usr/lib/locale.keep/" \
        && rm -rf "$r/usr/lib/locale" && mv "$r/usr/lib/locale.keep" "$r/usr/lib/locale"
    # JIT needs LLVM (100+ MB); without llvmjit.so PostgreSQL simply runs without JIT.
    rm -rf "$r"/usr/lib/postgresql/15/lib/llvmjit* "$r"/usr/lib/postgresql/15/lib/bitcode \
           "$r"/usr/share/postgresql-common "$r"/usr/lib/postgresql/15/bin/pg_upgradecluster \
           "$r"/etc/postgresql* "$r"/usr/share/perl5 "$r"/etc/ssl
    [[ -e $r/bin/sh ]] || ln -s dash "$r/bin/sh"
    users "$r" postgres:999
    mkdir -p "$r/var/lib/postgresql/data" "$r/var/run/postgresql" "$r/usr/local/bin"
    chown -R 999:999 "$r/var/lib/postgresql" "$r/var/run/postgresql"
    chmod 700 "$r/var/lib/postgresql/data"; chmod 2775 "$r/var/run/postgresql"
    install -m 755 /dev/stdin "$r/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
# First start on an empty PGDATA: initdb with POSTGRES_USER (default postgres) as superuser, its password from
# POSTGRES_PASSWORD (required) and POSTGRES_DB (default: the user name) created and owned by it. Remote logins
# need the password (scram-sha-256); the local socket trusts. Then, and on every later start: exec postgres.
set -eu
die() { printf 'docker-entrypoint: %s\n' "$*" >&2; exit 1; }
: "${PGDATA:=/var/lib/postgresql/data}"
export PGDATA
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    user=${POSTGRES_USER:-postgres}
    db=${POSTGRES_DB:-$user}
    password=${POSTGRES_PASSWORD:-}
    [ -n "$password" ] || die "POSTGRES_PASSWORD is empty: refusing to create a database nobody can log in to"
    for name in "$user" "$db"; do
        case $name in ''|*[!A-Za-z0-9_]*) die "POSTGRES_USER/POSTGRES_DB may contain only letters, digits and _ (got '$name')" ;; esac
    done
    case $password in *"
"*) die "POSTGRES_PASSWORD must be a single line" ;; esac
    # SQL string literal: double every single quote (standard_conforming_strings keeps backslashes literal).
    quoted= rest=$password
    while :; do
        case $rest in
            *"'"*) quoted="$quoted${rest%%"'"*}''"; rest=${rest#*"'"} ;;
            *) quoted="$quoted$rest"; break ;;
        esac
    done
    printf 'docker-entrypoint: initialising %s (user %s, database %s)\n' "$PGDATA" "$user" "$db" >&2
    initdb -D "$PGDATA" -U "$user" -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >&2
    printf 'host all all all scram-sha-256\n' >> "$PGDATA/pg_hba.conf"
    # Single-user mode reads one statement per line from stdin: the password never appears in argv or a file.
    {
        printf 'ALTER ROLE "%s" PASSWORD '"'"'%s'"'"'\n' "$user" "$quoted"
        if [ "$db" != postgres ]; then printf 'CREATE DATABASE "%s" OWNER "%s"\n' "$db" "$user"; fi
    } | postgres --single -D "$PGDATA" postgres > /dev/null
    printf 'docker-entrypoint: initialised\n' >&2
fi
exec postgres -c listen_addresses='*' "$@"
EOF
}
config_postgres() {
    CFG=(--config.user 999:999 --config.entrypoint /usr/local/bin/docker-entrypoint.sh --config.cmd postgres \
         --config.env PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin \
         --config.env PGDATA=/var/lib/postgresql/data --config.env LANG=C.UTF-8 \
         --config.volume /var/lib/postgresql/data --config.exposedports 5432/tcp \
         --config.stopsignal SIGINT)
}

# ------------------------------------------------------------------ nginx
rootfs_nginx() {
    local r=$1
    find "$r/usr/bin" "$r/usr/sbin" "$r/sbin" "$r/bin" -mindepth 1 ! -name nginx -delete 2>/dev/null || true
    rm -rf "$r"/etc/nginx/sites-* "$r"/etc/nginx/modules-* "$r"/etc/ufw "$r"/usr/share/nginx/modules* "$r"/var/www
    users "$r" nginx:101
    # Logs go to the container's output; temp files live under /var/cache/nginx (a tmpfs in compose, owned here too).
    mkdir -p "$r/var/log/nginx" "$r/var/cache/nginx" "$r/var/lib/nginx" "$r/run" "$r/var/run"
    ln -sfn /dev/stdout "$r/var/log/nginx/access.log"; ln -sfn /dev/stderr "$r/var/log/nginx/error.log"
    chown 101:101 "$r/var/cache/nginx" "$r/var/lib/nginx" "$r/run" "$r/var/run"
    cat > "$r/etc/nginx/nginx.conf" <<'EOF'
# Default of the bookworm nginx image: replace it (compose mounts docker/compose/nginx.conf).
worker_processes auto;
pid /tmp/nginx.pid;
events { worker_connections 1024; }
http {
    include mime.types;
    client_body_temp_path /tmp/client_body; proxy_temp_path /tmp/proxy; fastcgi_temp_path /tmp/fastcgi;
    uwsgi_temp_path /tmp/uwsgi; scgi_temp_path /tmp/scgi;
    server { listen 80; location / { return 200 "nginx\n"; } }
}
EOF
}
config_nginx() {
    CFG=(--config.user 101:101 --config.entrypoint /usr/sbin/nginx --config.cmd -g --config.cmd "daemon off;"
         --config.env "$PATH_ENV" --config.exposedports 80/tcp --config.stopsignal SIGQUIT)
}

# ------------------------------------------------------------------ prometheus
rootfs_prometheus() {
    local r=$1
    find "$r/usr/bin" "$r/usr/sbin" "$r/sbin" "$r/bin" -mindepth 1 ! -name prometheus ! -name promtool -delete 2>/dev/null || true
    # The bundled web UI links to javascript packages that are not installed; the API (what scripts use) is complete.
    rm -rf "$r"/etc/ca-certificates* "$r"/usr/share/prometheus/web/ui/static/vendor
    mkdir -p "$r/etc/ssl/certs"
    cat "$r"/usr/share/ca-certificates/mozilla/*.crt > "$r/etc/ssl/certs/ca-certificates.crt"
    users "$r" nobody:65534
    mkdir -p "$r/prometheus" "$r/etc/prometheus"
    chown 65534:65534 "$r/prometheus"
    [[ -f $r/etc/prometheus/prometheus.yml ]] || printf 'global: {scrape_interval: 15s}\nscrape_configs: []\n' > "$r/etc/prometheus/prometheus.yml"
}
config_prometheus() {
    CFG=(--config.user 65534:65534 --config.entrypoint /usr/bin/prometheus \
         --config.cmd --config.file=/etc/prometheus/prometheus.yml --config.cmd --storage.tsdb.path=/prometheus \
         --config.workingdir /prometheus --config.volume /prometheus --config.env "$PATH_ENV" --config.exposedports 9090/tcp)
}

deb_version() { apt-cache policy "$1" | awk '/Candidate:/ {print $2}'; }

# build NAME REF MAIN_PKG PKG...: assemble (or reuse) the image and push it; prints repo@digest.
build() {
    local name=$1 ref=$2 main=$3; shift 3
    local pkgs=("$@") hash out layout work r start
    CFG=()
    hash=$( { cat "$HERE/lib.sh" "$0"; echo "$name"; deb_uris "${pkgs[@]}"; } | hash_inputs)
    if [[ $FORCE != 1 && $(remote_label "$ref" "$LABEL") == "$hash" ]]; then
        log "$ref up to date (inputs $hash)"
        echo "${ref%:*}@$(remote_digest "$ref")"
        return
    fi
    out="$CACHE_DIR/service-$name-$hash"; layout="$out/oci"
    if [[ ! -f $out/complete || $FORCE == 1 ]]; then
        start=$SECONDS
        rm -rf "$out"; mkdir -p "$out"
        work=$(mktemp -d "${TMPDIR:-/tmp}/service-$name.XXXXXX")
        r="$work/rootfs"; mkdir -p "$r"
        fetch_debs "$work/debs" "${pkgs[@]}"
        extract_debs "$r" "$work/debs"
        strip_docs "$r"
        "rootfs_$name" "$r"
        finish_rootfs "$r"
        check_libs "$r"
        umoci init --layout "$layout"
        umoci new --image "$layout:empty"
        umoci unpack --image "$layout:empty" "$work/bundle" >/dev/null
        cp -a "$r/." "$work/bundle/rootfs/"
        umoci repack --image "$layout:image" --history.created_by "debian bookworm .debs: ${pkgs[*]}" "$work/bundle"
        "config_$name"
        umoci config --image "$layout:image" --no-history --os linux --architecture amd64 "${CFG[@]}" \
            --config.label "$LABEL=$hash" \
            --config.label "org.opencontainers.image.title=$name" \
            --config.label "org.opencontainers.image.version=$(deb_version "$main")" \
            --config.label "org.opencontainers.image.description=$name from Debian bookworm .debs (docker/base/build-service-images.sh)" \
            --config.label org.opencontainers.image.base.name=debian:bookworm
        umoci rm --image "$layout:empty"
        recompress_layers "$layout" image
        umoci gc --layout "$layout"
        touch "$out/complete"
        log "$name assembled in $((SECONDS - start)) s (rootfs $(du -sh "$r" | cut -f1))"
        rm -rf "$work"
        ls -1dt "$CACHE_DIR"/service-"$name"-* 2>/dev/null | tail -n +3 | xargs -r rm -rf
    else
        log "reusing cached OCI layout $layout"
    fi
    push_layout "$layout" image "$ref"
    log "pushed $ref ($(gz_size_mb "$ref") MB compressed)"
}

for name in "${ONLY[@]}"; do
    case $name in
        postgres) build postgres "$REGISTRY/bookworm/postgres:15" postgresql-15 "${PG_PKGS[@]}" ;;
        nginx) build nginx "$REGISTRY/bookworm/nginx:1.22" nginx "${NGINX_PKGS[@]}" ;;
        prometheus) build prometheus "$REGISTRY/bookworm/prometheus:2" prometheus "${PROM_PKGS[@]}" ;;
    esac
done

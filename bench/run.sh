#!/usr/bin/env bash
# Fake Shop benchmark harness: one command, from a clean clone, as root on Debian 12 (or a user who may sudo apt).
#
#   bench/run.sh                      # full run: publish, PostgreSQL (durable commits), app, nginx ceiling, wrk
#   DURATION=5s bench/run.sh          # shorter runs while iterating (WARMUP_MAX_S=20 caps each row's warm-up)
#   APP_DIR=/tmp/pub bench/run.sh     # reuse an existing `dotnet publish` output instead of publishing again
#   UPDATE_DOCS=0 bench/run.sh        # do not rewrite the results block in docs/performance.md
#   APP_ENV="DOTNET_gcServer=0" bench/run.sh   # measure a runtime-settings variant of the same build
#   ROUNDS=1 READY_STARTS=1 bench/run.sh   # one run per page-cache row (default 5 rounds of 4 s against nginx) and one timed start (default 5)
#   OTHER_CARTS=0 bench/run.sh        # only the shoppers' carts in the database (default: 5,000 other visitors' carts too)
#   MODE=variants VARIANTS='a||;b||DOTNET_TieredPGO=0' bench/run.sh   # paired start-up/warm-up/RSS runs (see below)
#   MODE=soak bench/run.sh (= bench/soak.sh)   # SOAK_MINUTES (10) of mixed load instead of the benchmark;
#                                               # a request slower than SOAK_TIMEOUT (10s) counts as an error
#
# What it does, in order:
#  1. installs wrk and nginx-light when missing (Debian packages);
#  2. starts a throwaway PostgreSQL 15 cluster in a temp dir WITH durable commits (fsync=on, synchronous_commit=on,
#     full_page_writes=on) and pg_stat_statements, to count SQL statements per request;
#  3. publishes src/Web in Release and starts it in Production on PostgreSQL; the first start migrates and seeds,
#     the next READY_STARTS (5) starts are timed: process start -> GET /health/ready = 200, the median reported;
#  4. saves the exact bytes of the catalogue page and serves them with nginx (2 workers, access_log off): the ceiling;
#  5. for each row, warms up until the app compiles < STEADY_JIT_PER_S methods/s, then runs wrk (THREADS threads,
#     each of CONNECTIONS, DURATION) on: home, catalogue, catalogue with search + category filter, product page, first
#     anonymous, then as shoppers with 1-3 cart lines (all from the page cache, ADR 7 and 8), the cart page and the
#     checkout page (rendered), add-to-cart POST, and a whole checkout flow; the page-cache rows in ROUNDS rounds,
#     each paired with nginx (run_cached);
#  6. prints the table, peak RSS (VmHWM), start-to-ready, SQL statements and allocated bytes per request, time to
#     steady state, and writes them into
#     docs/performance.md between the bench markers together with the machine description and load.
# Everything it starts (app, nginx, PostgreSQL) is stopped on exit, and the temp dir is removed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-"8 32"}
VISITORS=${VISITORS:-128}
UPDATE_DOCS=${UPDATE_DOCS:-1}
. "$ROOT/bench/lib.sh"

log() { printf '\033[1m[bench %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- 1. tools
need_pkgs=()
command -v wrk >/dev/null || need_pkgs+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need_pkgs+=(nginx-light)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    log "installing ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >/dev/null 2>&1 \
        || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed (apt-get install postgresql postgresql-contrib)"
command -v python3 >/dev/null || die "python3 is needed (free ports, number formatting)"

# ---------------------------------------------------------------- clean-up of everything we start
WORK=$(mktemp -d /tmp/fakeshop-bench.XXXXXX)
chmod 755 "$WORK"
APP_PID= NGINX_PID= PG_STARTED=0
cleanup() {
    set +e
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    [ "$PG_STARTED" = 1 ] && pg_stop "$WORK/pg"
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- 2. PostgreSQL with durable commits
PGPORT=$(free_port)
log "PostgreSQL 15 on port $PGPORT (fsync=on, synchronous_commit=on)"
pg_start "$WORK/pg" "$PGPORT" -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all
PG_STARTED=1
psqlq() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "${PGDB:-shop}" -v ON_ERROR_STOP=1 -qAt "$@"; }
PGDB=postgres psqlq -c "CREATE DATABASE shop"
psqlq -c "CREATE EXTENSION pg_stat_statements"
CS="Host=127.0.0.1;Port=$PGPORT;Database=shop;Username=postgres"

# ---------------------------------------------------------------- 3. the app
if [ -z "${APP_DIR:-}" ]; then
    APP_DIR="$WORK/app"
    log "dotnet publish src/Web -c Release"
    publish "$ROOT/src/Web" "$APP_DIR" || die "publish failed"
fi
[ -f "$APP_DIR/FakeShop.Web.dll" ] || die "no FakeShop.Web.dll in $APP_DIR"
APP_PORT=$(free_port)
BASE="http://127.0.0.1:$APP_PORT"
# /metrics (runtime counters for the warm-up and the allocations) on a management port, as in production.
METRICS_PORT=$(free_port)
METRICS_URL="http://127.0.0.1:$METRICS_PORT/metrics"

start_app() {
    (
        cd "$APP_DIR"
        export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" DOTNET_NOLOGO=1 \
            Database__Provider=Postgres ConnectionStrings__Shop="$CS" Database__MigrateOnStartup=true \
            Logging__LogLevel__Default=Warning RateLimiting__PermitsPerMinute=1000000 Shutdown__DrainSeconds=0 \
            Metrics__Port="$METRICS_PORT"
        # APP_ENV="DOTNET_gcServer=0 ..." runs a variant (runtime knobs) without rebuilding.
        exec env ${APP_ENV:-} dotnet "$APP_DIR/FakeShop.Web.dll"
    ) >>"$WORK/app.log" 2>&1 &
    APP_PID=$!
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

log "first start (migrates and seeds an empty database)"
t0=$(date +%s%N); start_app; FIRST_READY_MS=$(wait_ready "$t0" "$APP_PORT" /health/ready)
# READY_STARTS (5) timed starts on the migrated database; the median is reported, all of them beside it: one start
# moved by ±150 ms with whatever else the machine did in that second.
READY_LIST=()
for _ in $(seq 1 "${READY_STARTS:-5}"); do
    stop_app
    t0=$(date +%s%N); start_app; READY_LIST+=("$(wait_ready "$t0" "$APP_PORT" /health/ready)")
done
READY_MS=$(printf '%s\n' "${READY_LIST[@]}" | sort -n | awk '{a[NR]=$1} END{print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
log "start-to-ready: median ${READY_MS} ms of ${READY_LIST[*]} (first start with migration and seed: ${FIRST_READY_MS} ms)"

# Catalogue data for the scenarios.
PRODUCT_SLUG=$(psqlq -c "SELECT \"Slug\" FROM products WHERE \"IsActive\" ORDER BY \"Id\" LIMIT 1")
CATEGORY=$(psqlq -c "SELECT c.\"Slug\" FROM categories c ORDER BY (SELECT count(*) FROM products p WHERE p.\"CategoryId\"=c.\"Id\") DESC LIMIT 1")
psqlq -c "SELECT \"Id\" FROM products WHERE \"IsActive\" ORDER BY \"Id\"" >"$WORK/products.txt"
SEARCH_URL="/shop?q=micro&category=$CATEGORY&sort=price-asc"
[ -s "$WORK/products.txt" ] || die "the seed catalogue is empty"

# An fs_af antiforgery cookie with a token for it (only checkout needs one now: checkout.lua sends the cookie and
# takes each form's token from the checkout page; the catalogue pages are cached and carry no token, so it comes
# from the login form), and VISITORS shoppers, each with 1-3 cart lines put there by real add-to-cart posts (no token:
# /cart/add). visitors.txt holds each shopper's Cookie header: the visitor cookie, the cart-count cookie that the
# last add wrote (ADR 8) and the antiforgery cookie of their cart page, exactly what their browser would send.
curl -s -c "$WORK/af.jar" "$BASE/Account/Login" >"$WORK/login.html"
AF_TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$WORK/login.html" | head -1 | sed 's/.*value="//;s/"$//')
AF_COOKIE=$(awk '$6=="fs_af"{print $7}' "$WORK/af.jar")
[ -n "$AF_TOKEN" ] && [ -n "$AF_COOKIE" ] || die "no antiforgery token/cookie on /Account/Login"
mapfile -t PRODUCT_IDS <"$WORK/products.txt"
: >"$WORK/visitors.txt"
for v in $(seq 1 "$VISITORS"); do
    rm -f "$WORK/v.jar"
    for l in $(seq 1 $(( v % 3 + 1 ))); do
        p=${PRODUCT_IDS[$(( (v + l) % ${#PRODUCT_IDS[@]} ))]}
        code=$(curl -s -o /dev/null -b "$WORK/v.jar" -c "$WORK/v.jar" -w '%{http_code}' \
            --data "productId=$p&quantity=1&returnUrl=%2Fcart" "$BASE/cart/add")
        [ "$code" = 302 ] || die "add-to-cart answered $code, expected 302"
    done
    # A browser that has seen one page with a form sends the antiforgery cookie back: without it every rendered page
    # made the shopper a new cookie token (Data Protection + a Set-Cookie), a cost a real shopper pays once.
    code=$(curl -s -o /dev/null -b "$WORK/v.jar" -c "$WORK/v.jar" -w '%{http_code}' "$BASE/cart")
    [ "$code" = 200 ] || die "the cart page answered $code, expected 200"
    awk '$6=="fs_visitor"{v=$7} $6=="fs_cart"{c=$7} $6=="fs_af"{a=$7} END{if (v && c && a) print "fs_visitor=" v "; fs_cart=" c "; fs_af=" a}' "$WORK/v.jar" >>"$WORK/visitors.txt"
done
[ "$(wc -l <"$WORK/visitors.txt")" -eq "$VISITORS" ] || die "did not get $VISITORS visitor, cart-count and antiforgery cookies"
# Other visitors' carts (OTHER_CARTS, default 5,000, 1-3 lines each): a shop that has been open a while holds
# thousands. With only the shoppers' 32 carts the tables were one page each and PostgreSQL sometimes planned the add
# statement's cart_lines lookup as a sequential scan, kept per connection while the add rows' updates grew the table
# (profiles in docs/performance.md, "Add to cart"). Inserted directly, then analysed.
OTHER_CARTS=${OTHER_CARTS:-5000}
if [ "$OTHER_CARTS" -gt 0 ]; then
    psqlq -c "INSERT INTO carts (\"Id\", \"VisitorId\", \"CreatedAt\", \"UpdatedAt\")
              SELECT gen_random_uuid(), gen_random_uuid(), now(), now() FROM generate_series(1, $OTHER_CARTS)" \
          -c "INSERT INTO cart_lines (\"CartId\", \"ProductId\", \"Quantity\", \"PriceSeen\")
              SELECT c.\"Id\", p.\"Id\", 1, p.\"Price\" FROM carts c
              CROSS JOIN LATERAL (SELECT \"Id\", \"Price\" FROM products WHERE \"IsActive\"
                                  ORDER BY md5(c.\"Id\"::text || \"Id\"::text) LIMIT 1 + abs(hashtext(c.\"Id\"::text)) % 3) p
              WHERE c.\"Id\" NOT IN (SELECT \"CartId\" FROM cart_lines)" \
          -c "ANALYZE carts" -c "ANALYZE cart_lines" >/dev/null
fi
# The shoppers' carts as they are now: every run that writes (add, checkout) is followed by a return to them.
psqlq -c "CREATE TABLE bench_carts AS SELECT * FROM carts" -c "CREATE TABLE bench_cart_lines AS SELECT * FROM cart_lines"

# ---------------------------------------------------------------- soak mode: mixed load, minute by minute
if [ "${MODE:-bench}" = soak ]; then
    SOAK_MINUTES=${SOAK_MINUTES:-10}
    export BENCH_LUA="$ROOT/bench/lua" BENCH_VISITORS="$WORK/visitors.txt" BENCH_PRODUCTS="$WORK/products.txt" \
           BENCH_AF_TOKEN="$AF_TOKEN" BENCH_AF_COOKIE="$AF_COOKIE" BENCH_SEARCH_URL="$SEARCH_URL" BENCH_PRODUCT_SLUG="$PRODUCT_SLUG"
    psqlq -c "UPDATE products SET \"Stock\" = 1000000" >/dev/null
    SOAK_ROWS="| minute | browse req/s | add req/s | orders/s | errors | RSS MB |"$'\n'"|---:|---:|---:|---:|---:|---:|"
    total_errors=0; first_rss=; rss_list=()
    log "soak: $SOAK_MINUTES minutes of browse (8 connections) + add to cart (4) + checkout flows (4) at once"
    for m in $(seq 1 "$SOAK_MINUTES"); do
        # Cart lines near the 99-unit cap belong to the add-to-cart visitors (checkout carts hold 1 unit): reset them.
        psqlq -c "DELETE FROM cart_lines WHERE \"Quantity\" > 50" -c "UPDATE products SET \"Stock\" = 1000000" >/dev/null
        BENCH_THREADS=1 wrk --timeout "${SOAK_TIMEOUT:-10s}" -t1 -c8 -d60s -s "$BENCH_LUA/browse.lua" "$BASE" >"$WORK/soak-browse.txt" 2>&1 &
        b=$!
        BENCH_THREADS=1 wrk --timeout "${SOAK_TIMEOUT:-10s}" -t1 -c4 -d60s -s "$BENCH_LUA/add.lua" "$BASE" >"$WORK/soak-add.txt" 2>&1 &
        a=$!
        BENCH_VISITOR_OFFSET=$((VISITORS - 4)) wrk --timeout "${SOAK_TIMEOUT:-10s}" -t4 -c4 -d60s -s "$BENCH_LUA/checkout.lua" "$BASE" >"$WORK/soak-checkout.txt" 2>&1 &
        c=$!
        wait $b $a $c
        rss=$(awk '/^VmRSS/{print int($2/1024)}' "/proc/$APP_PID/status")
        rss_list+=("$rss")
        row=$(python3 - "$WORK" "$m" "$rss" <<'PY'
import sys
work, minute, rss = sys.argv[1:]
def kv(name):
    for line in open(f"{work}/soak-{name}.txt", encoding="utf-8"):
        if line.startswith("BENCH "):
            return dict(p.split("=", 1) for p in line.split()[1:])
    raise SystemExit(f"no result from the {name} load")
b, a, c = kv("browse"), kv("add"), kv("checkout")
errors = sum(int(x["status_errors"]) + int(x["socket_errors"]) + int(x["bad"]) for x in (b, a, c))
print(f"| {minute} | {float(b['rps']):,.0f} | {float(a['rps']):,.0f} | {int(c['orders']) / float(c['seconds']):,.1f} | {errors} | {rss} |")
PY
)
        log "soak minute $m: $row"
        total_errors=$((total_errors + $(awk -F'|' '{gsub(/ /,"",$6); print $6}' <<<"$row")))
        SOAK_ROWS+=$'\n'"$row"
    done
    ORDERS=$(psqlq -c "SELECT count(*) FROM orders")
    LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
    SOAK_SUMMARY="- $SOAK_MINUTES minutes; RSS per minute (MB): ${rss_list[*]}; peak RSS $(( $(awk '/^VmHWM/{print $2}' "/proc/$APP_PID/status") / 1024 )) MB
- errors in total: $total_errors (non-2xx/3xx, socket errors, unexpected statuses in the add and checkout scripts); orders in the database: $ORDERS
- load average at the end: $LOAD; run at $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    printf '\n%s\n\n%s\n' "$SOAK_ROWS" "$SOAK_SUMMARY"
    if [ "$UPDATE_DOCS" = 1 ] && grep -q '<!-- soak:begin -->' "$ROOT/docs/performance.md" 2>/dev/null; then
        python3 - "$ROOT/docs/performance.md" "$SOAK_ROWS" "$SOAK_SUMMARY" <<'PY'
import sys, re
path, rows, summary = sys.argv[1:]
text = open(path, encoding="utf-8").read()
block = "<!-- soak:begin -->\n" + rows + "\n\n" + summary + "\n<!-- soak:end -->"
text = re.sub(r"<!-- soak:begin -->.*?<!-- soak:end -->", lambda m: block, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
        log "docs/performance.md updated (soak)"
    fi
    exit 0
fi

# ---------------------------------------------------------------- variants mode: paired start-up / warm-up / memory runs
# MODE=variants VARIANTS='label|app dir (empty: the published one)|env ...;…' REPEAT=3 bench/run.sh
# e.g. VARIANTS='default||;pgo off||DOTNET_TieredPGO=0;wks gc||DOTNET_gcServer=0;composite|/tmp/pub-composite|'
# Interleaves the variants REPEAT times (A B C A B C …, so a change in the machine's load hits all of them alike) and
# reports per variant the medians of: start → /health/ready (ms) and the CPU the process used until then, seconds of
# shopper load (catalogue + cart page) until the runtime compiles < STEADY_JIT_PER_S methods/s, and the peak RSS
# (VmHWM) after VARIANT_LOAD_S more seconds of mixed load; plus RSS, GC heap and JIT'd code size at that point.
if [ "${MODE:-bench}" = variants ]; then
    stop_app
    export BENCH_LUA="$ROOT/bench/lua" BENCH_VISITORS="$WORK/visitors.txt" BENCH_PRODUCTS="$WORK/products.txt" \
           BENCH_SEARCH_URL="$SEARCH_URL" BENCH_PRODUCT_SLUG="$PRODUCT_SLUG" BENCH_THREADS=$THREADS
    metric() { curl -s "$METRICS_URL" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%.0f\n", s }'; }
    IFS=';' read -r -a variant_list <<<"${VARIANTS:-default||}"
    : >"$WORK/variants.tsv"
    DEFAULT_APP_DIR=$APP_DIR
    for r in $(seq 1 "${REPEAT:-3}"); do
        for v in "${variant_list[@]}"; do
            IFS='|' read -r label dir env <<<"$v"
            APP_DIR=${dir:-$DEFAULT_APP_DIR}
            t0=$(date +%s%N); APP_ENV="$env" start_app; ready=$(wait_ready "$t0" "$APP_PORT" /health/ready)
            ticks=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat"); cpu_ms=$(( ticks * 1000 / $(getconf CLK_TCK) ))
            steady=0
            while [ "$steady" -lt "${WARMUP_MAX_S:-180}" ]; do
                j0=$(metric dotnet_jit_compiled_methods_total)
                wrk -t "$THREADS" -c 8 -d 1s -s "$BENCH_LUA/get_shopper.lua" "$BASE/shop" >/dev/null 2>&1 || true
                wrk -t "$THREADS" -c 8 -d 1s -s "$BENCH_LUA/get_shopper.lua" "$BASE/cart" >/dev/null 2>&1 || true
                j1=$(metric dotnet_jit_compiled_methods_total); steady=$((steady + 2))
                [ $(( (j1 - j0) / 2 )) -lt "${STEADY_JIT_PER_S:-20}" ] && break
            done
            load=${VARIANT_LOAD_S:-10}
            # 32 connections, as the benchmark's heaviest rows: the GC's allocation budget grows with the request rate.
            # The app's CPU and GC count over the load: per request they survive a busy machine better than req/s.
            t_load0=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat"); gc0=$(metric dotnet_gc_collections_total)
            wrk -t 1 -c 32 -d "${load}s" -s "$BENCH_LUA/browse.lua" "$BASE" >"$WORK/v-browse.txt" 2>&1 &
            browsing=$!
            wrk -t 1 -c 32 -d "${load}s" -s "$BENCH_LUA/get_shopper.lua" "$BASE/cart" >"$WORK/v-cart.txt" 2>&1 || true
            wait "$browsing" || true
            rps() { grep -o ' rps=[0-9.]*' "$1" | cut -d= -f2 | cut -d. -f1 | grep . || echo 0; }
            browse_rps=$(rps "$WORK/v-browse.txt"); cart_rps=$(rps "$WORK/v-cart.txt")
            reqs() { grep -o ' requests=[0-9]*' "$1" | cut -d= -f2 | grep . || echo 0; }
            served=$(( $(reqs "$WORK/v-browse.txt") + $(reqs "$WORK/v-cart.txt") ))
            cpu_us=$(( ($(awk '{print $14 + $15}' "/proc/$APP_PID/stat") - t_load0) * 1000000 / $(getconf CLK_TCK) / (served > 0 ? served : 1) ))
            gcs=$(( $(metric dotnet_gc_collections_total) - gc0 ))
            hwm=$(awk '/^VmHWM/{print int($2/1024)}' "/proc/$APP_PID/status")
            rss=$(awk '/^VmRSS/{print int($2/1024)}' "/proc/$APP_PID/status")
            heap=$(( $(metric dotnet_gc_last_collection_heap_size_bytes) / 1048576 ))
            jitted=$(( $(metric dotnet_jit_compiled_il_size_bytes_total) / 1024 ))
            shmem=$(awk '/^RssShmem/{print int($2/1024)}' "/proc/$APP_PID/status")
            files=$(awk '/^RssFile/{print int($2/1024)}' "/proc/$APP_PID/status")
            anon=$(awk '/^RssAnon/{print int($2/1024)}' "/proc/$APP_PID/status")
            committed=$(( $(metric dotnet_gc_last_collection_memory_committed_size_bytes) / 1048576 ))
            [ -n "${SMAPS_DIR:-}" ] && mkdir -p "$SMAPS_DIR" && cp "/proc/$APP_PID/smaps" "$SMAPS_DIR/${label// /_}-$r.smaps"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$ready" "$cpu_ms" "$steady" "$hwm" "$rss" "$heap" "$files" "$anon" "$shmem" "$jitted" "$browse_rps" "$cart_rps" >>"$WORK/variants.tsv"
            log "variant $label (run $r): ready ${ready} ms, CPU to ready ${cpu_ms} ms, steady after ${steady} s, VmHWM ${hwm} MB (RSS $rss: files $files, anon $anon, shared $shmem; GC heap $heap MB, committed $committed MB; JIT'd IL ${jitted} KB; under load: browse ${browse_rps} req/s, cart ${cart_rps} req/s, app CPU ${cpu_us} µs/request, $gcs GCs)"
            stop_app
        done
    done
    python3 - "$WORK/variants.tsv" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    label, *vals = line.rstrip("\n").split("\t")
    rows.setdefault(label, []).append([int(v) for v in vals])
print("| variant | runs | start → ready ms | CPU to ready ms | s to steady state | peak RSS MB | RSS MB | file-backed MB | anonymous MB | shared MB (W^X JIT code) | GC heap MB | JIT'd IL KB | browse req/s | cart req/s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, runs in rows.items():
    med = [statistics.median(col) for col in zip(*runs)]
    print(f"| {label} | {len(runs)} | {med[0]:.0f} | {med[1]:.0f} | {med[2]:.0f} | {med[3]:.0f} | {med[4]:.0f} | {med[6]:.0f} | {med[7]:.0f} | {med[8]:.0f} | {med[5]:.0f} | {med[9]:.0f} | {med[10]:,.0f} | {med[11]:,.0f} |")
PY
    echo "- medians of interleaved runs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
    exit 0
fi

# ---------------------------------------------------------------- 4. the static ceiling
mkdir -p "$WORK/nginx/html" "$WORK/nginx/tmp"
curl -s -o "$WORK/nginx/html/shop.html" "$BASE/shop"
PAGE_BYTES=$(stat -c %s "$WORK/nginx/html/shop.html")
NGINX_PORT=$(free_port)
NGINX_USER=; [ "$(id -u)" -eq 0 ] && NGINX_USER="user nobody nogroup;"
chmod -R a+rX "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<EOF
$NGINX_USER
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/nginx/html;
        location = /shop { default_type "text/html; charset=utf-8"; try_files /shop.html =404; }
    }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" >/dev/null 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/shop" && break; sleep 0.05; done
cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT/shop") "$WORK/nginx/html/shop.html" || die "nginx does not serve the saved page"

# ---------------------------------------------------------------- 5. load
export BENCH_LUA="$ROOT/bench/lua" BENCH_VISITORS="$WORK/visitors.txt" BENCH_PRODUCTS="$WORK/products.txt" \
       BENCH_AF_TOKEN="$AF_TOKEN" BENCH_AF_COOKIE="$AF_COOKIE"
# Statements the app sent, without Npgsql's pool reset: DISCARD ALL, or, on a connection that keeps prepared statements
# (ADR 19), the seven statements that replace it and keep them. They ride along with the next command (no round trip of
# their own) and cost PostgreSQL ~2 % of its CPU (perf); counting them would make SQL/req say 8 for one query.
sql_calls() {
    psqlq -c "SELECT coalesce(sum(calls),0) FROM pg_stat_statements WHERE query NOT IN ('DISCARD ALL', 'SET SESSION AUTHORIZATION DEFAULT', 'RESET ALL', 'CLOSE ALL', 'UNLISTEN *', 'SELECT pg_advisory_unlock_all()', 'DISCARD SEQUENCES', 'DISCARD TEMP')" 2>/dev/null || echo 0
}
# Back to the shoppers' 1-3 lines (an add run grows them, a checkout run empties them) and plenty of stock.
reset_db_for_writes() {
    psqlq -c "DELETE FROM cart_lines" -c "INSERT INTO carts SELECT * FROM bench_carts ON CONFLICT DO NOTHING" \
          -c "INSERT INTO cart_lines SELECT * FROM bench_cart_lines" -c "UPDATE products SET \"Stock\" = 1000000" >/dev/null
}
# metric NAME: the sum of a counter over all its label sets on the app's /metrics (Prometheus text format).
metric() {
    curl -s "$METRICS_URL" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%.0f\n", s }'
}
JIT_METRIC=dotnet_jit_compiled_methods_total
ALLOC_METRIC=dotnet_gc_heap_total_allocated_bytes_total
STEADY_JIT_PER_S=${STEADY_JIT_PER_S:-20}
WARMUP_MAX_S=${WARMUP_MAX_S:-180}
WARMUP_STEP_S=${WARMUP_STEP_S:-2}
# warm_until_steady URL SCRIPT THREADS CONNECTIONS: load in WARMUP_STEP_S slices until the runtime compiles fewer than
# STEADY_JIT_PER_S methods a second (its own dotnet.jit.compiled_methods counter), at most WARMUP_MAX_S; prints the
# seconds of load it took. Warming for a fixed time measured JIT tiering, not the running shop (issue 16).
warm_until_steady() {
    local url=$1 script=$2 threads=$3 conns=$4 waited=0 before after rate
    export BENCH_THREADS=$threads
    while [ "$waited" -lt "$WARMUP_MAX_S" ]; do
        before=$(metric $JIT_METRIC)
        wrk -t "$threads" -c "$conns" -d "${WARMUP_STEP_S}s" -s "$BENCH_LUA/$script" "$url" >/dev/null 2>&1 || true
        after=$(metric $JIT_METRIC)
        waited=$((waited + WARMUP_STEP_S))
        rate=$(( (after - before) / WARMUP_STEP_S ))
        [ "$rate" -lt "$STEADY_JIT_PER_S" ] && break
    done
    echo "$waited"
}
RESULTS="$WORK/results.tsv"
# ONLY='cart page|add to cart' runs just the rows whose names match that regular expression (and the nginx ceiling):
# for iterating on one path, or for profiling it (PAUSE_S=30 waits before each measured row, so perf or dotnet-trace
# can attach to the app, whose pid is printed).
row_enabled() { [ -z "${ONLY:-}" ] || [ "${1#static}" != "$1" ] || [[ $1 =~ $ONLY ]]; }
: >"$RESULTS"
# run_wrk NAME URL SCRIPT CONNECTIONS THREADS [duration]: warms the route until steady (not the nginx row), runs
# BEFORE_ROW if set, then measures; appends "name conns BENCH … sql=… alloc=… jit=… warm=…" to the results.
WARM_TOTAL=0 FIRST_STEADY_S=
# The app's CPU time so far (user + system, in clock ticks): its CPU per request survives load on the machine better
# than req/s does, so it is the figure to compare when other work shares the cores.
CLK_TCK=$(getconf CLK_TCK)
app_cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat" 2>/dev/null || echo 0; }
# The bench cluster's CPU so far (postmaster and its children: backends, WAL writer, ...), in clock ticks: the other
# half of a write's cost, logged per request beside the app's (a backend that exits takes its ticks with it).
pg_cpu_ticks() {
    local pm; pm=$(head -1 "$WORK/pg/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
    awk -v pm="$pm" '$1 == pm || $4 == pm {t += $14 + $15} END {print t + 0}' /proc/[0-9]*/stat 2>/dev/null || echo 0
}
# measure NAME URL SCRIPT CONNECTIONS THREADS DURATION WARM: one wrk run against the app; prints its results line
# "name conns BENCH … sql=… alloc=… jit=… warm=… cpu_ticks=…" (and logs it).
measure() {
    local name=$1 url=$2 script=$3 conns=$4 threads=$5 duration=$6 warm=$7 out before after a0 a1 j0 j1 c0 c1 p0 p1 line
    export BENCH_THREADS=$threads
    before=$(sql_calls); a0=$(metric $ALLOC_METRIC); j0=$(metric $JIT_METRIC); c0=$(app_cpu_ticks); p0=$(pg_cpu_ticks)
    out=$(wrk -t "$threads" -c "$conns" -d "$duration" --latency -s "$BENCH_LUA/$script" "$url" 2>&1) \
        || { echo "$out" >&2; die "wrk failed for $name"; }
    after=$(sql_calls); a1=$(metric $ALLOC_METRIC); j1=$(metric $JIT_METRIC); c1=$(app_cpu_ticks); p1=$(pg_cpu_ticks)
    line=$(grep '^BENCH ' <<<"$out" || true)
    [ -n "$line" ] || { echo "$out" >&2; die "no result line from wrk for $name"; }
    # The two sampling queries themselves are subtracted; the two /metrics scrapes' allocations are counted in.
    printf '%s\t%s\t%s\tsql=%s alloc=%s jit=%s warm=%s cpu_ticks=%s\n' "$name" "$conns" "$line" "$((after - before - 1))" "$((a1 - a0))" "$((j1 - j0))" "$warm" "$((c1 - c0))"
    log "$name c=$conns: $(sed 's/^BENCH //' <<<"$line") sql=$((after - before - 1)) alloc=$((a1 - a0)) jit=$((j1 - j0)) warm=${warm}s app_cpu_ms_per_req=$(python3 -c "print(round(1000*$((c1 - c0))/$CLK_TCK/max(1,$(grep -o 'requests=[0-9]*' <<<"$line" | cut -d= -f2)),3))") pg_cpu_ms_per_req=$(python3 -c "print(round(1000*$((p1 - p0))/$CLK_TCK/max(1,$(grep -o 'requests=[0-9]*' <<<"$line" | cut -d= -f2)),3))")"
}
# warm_row NAME URL SCRIPT CONNECTIONS THREADS: warms the route until steady (not the nginx rows), runs BEFORE_ROW if
# set, waits PAUSE_S if set; sets ROW_WARM.
warm_row() {
    local name=$1
    ROW_WARM=0
    [ "${name#static}" = "$name" ] && ROW_WARM=$(warm_until_steady "$2" "$3" "$5" "$4")
    WARM_TOTAL=$((WARM_TOTAL + ROW_WARM))
    [ -z "$FIRST_STEADY_S" ] && [ "$ROW_WARM" -gt 0 ] && FIRST_STEADY_S=$ROW_WARM
    [ -n "${BEFORE_ROW:-}" ] && $BEFORE_ROW
    if [ -n "${PAUSE_S:-}" ] && [ "${name#static}" = "$name" ]; then
        log "app pid $APP_PID: measuring \"$name\" in ${PAUSE_S}s"; sleep "$PAUSE_S"
    fi
    return 0
}
# run_wrk NAME URL SCRIPT CONNECTIONS THREADS [duration]: warm, then one measured run appended to the results.
run_wrk() {
    local name=$1 url=$2 script=$3 conns=$4 threads=$5 duration=${6:-$DURATION}
    row_enabled "$name" || return 0
    warm_row "$name" "$url" "$script" "$conns" "$threads"
    measure "$name" "$url" "$script" "$conns" "$threads" "$duration" "$ROW_WARM" >>"$RESULTS"
}
# The page-cache rows are compared with nginx, and nginx's own speed on this machine moved between 58k and 97k req/s
# from one run to the next (a disturbed 10 s row once read 32 % where three re-runs read 54-69 %). So each of those
# rows is measured in ROUNDS rounds of ROUND_DURATION, each round nginx (same script, same bytes) and then the app,
# back to back; the row reports the medians over the rounds (req/s, p50, p99) and the median of the rounds' ratios.
# Five rounds, not three: in the 2 Dec 03:54 run single rounds of one row read 0.28, 0.33 and 0.74 of nginx (the VM's
# neighbour takes up to 40 % of the CPU in bursts), and a median of three moves with one disturbed round.
ROUNDS=${ROUNDS:-5}
ROUND_DURATION=${ROUND_DURATION:-4s}
run_cached() {
    local name=$1 url=$2 script=$3 conns=$4 threads=$5 r rounds="$WORK/rounds.tsv" ceilings=()
    row_enabled "$name" || return 0
    [ "$ROUNDS" -le 1 ] && { run_wrk "$@"; return 0; }
    warm_row "$name" "$url" "$script" "$conns" "$threads"
    : >"$rounds"
    for r in $(seq 1 "$ROUNDS"); do
        ceilings+=("$(BENCH_THREADS=$threads env -u BENCH_ACCEPT_ENCODING wrk -t "$threads" -c "$conns" -d "$ROUND_DURATION" \
            -s "$BENCH_LUA/$script" "http://127.0.0.1:$NGINX_PORT/shop" 2>&1 | grep -o 'rps=[0-9.]*' | cut -d= -f2)")
        measure "$name" "$url" "$script" "$conns" "$threads" "$ROUND_DURATION" "$ROW_WARM" >>"$rounds"
    done
    python3 - "$rounds" "${ceilings[*]}" >>"$RESULTS" <<'PY'
import sys, statistics
ceilings = [float(x) for x in sys.argv[2].split()]
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
kvs = []
for name, conns, bench, extra in rows:
    kv = dict(p.split("=", 1) for p in bench.split()[1:])
    kv.update(dict(p.split("=", 1) for p in extra.split()))
    kvs.append(kv)
if len(ceilings) != len(kvs):
    raise SystemExit(f"{rows[0][0]}: {len(ceilings)} nginx rounds for {len(kvs)} app rounds")
out = {}
for key in ("requests", "seconds", "status_errors", "socket_errors", "bad", "orders", "bytes", "hits", "sent", "sql", "alloc", "jit", "cpu_ticks"):
    total = sum(float(kv[key]) for kv in kvs)
    out[key] = f"{total:.3f}" if key == "seconds" else str(int(total))
for key in ("rps", "p50_ms", "p99_ms"):
    out[key] = f"{statistics.median(float(kv[key]) for kv in kvs):.2f}"
ratios = [float(kv["rps"]) / c for kv, c in zip(kvs, ceilings) if c > 0]
bench = "BENCH " + " ".join(f"{k}={out[k]}" for k in ("requests", "seconds", "rps", "p50_ms", "p99_ms", "status_errors", "socket_errors", "bad", "orders", "bytes", "hits", "sent"))
extra = " ".join(f"{k}={out[k]}" for k in ("sql", "alloc", "jit", "cpu_ticks"))
extra += f" warm={kvs[0]['warm']} rounds={len(kvs)} ratio={statistics.median(ratios):.4f} ratios={','.join(f'{x:.2f}' for x in ratios)} ceiling={statistics.median(ceilings):.0f}"
print(f"{rows[0][0]}\t{rows[0][1]}\t{bench}\t{extra}")
PY
    log "$name c=$conns: rounds vs nginx $(tail -1 "$RESULTS" | grep -o 'ratios=[0-9.,]*')"
}

[ "$(metric $JIT_METRIC)" -gt 0 ] || die "the app's /metrics has no $JIT_METRIC (runtime metrics)"
reset_db_for_writes
ADD_CHECK=()
units() { psqlq -c "SELECT coalesce(sum(\"Quantity\"),0) FROM cart_lines"; }
# The write rows warm up by writing too: the carts go back to the shoppers' 1-3 lines right before the measured run.
add_row_start() { reset_db_for_writes; UNITS_BEFORE=$(units); }
checkout_row_start() { reset_db_for_writes; ORDERS_BEFORE=$(psqlq -c "SELECT count(*) FROM orders"); }
# The hypervisor's share of the CPU time ("steal" in /proc/stat): on this VM it reached 10-40 % in bursts (top, 2 Dec),
# slowing nginx and the app alike; reported so that a disturbed run can be told from a slow shop.
cpu_times() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $9}' /proc/stat; }
CPU_TIMES_BEFORE=$(cpu_times)
for c in $CONNECTIONS; do
    run_wrk "static ceiling (nginx)" "http://127.0.0.1:$NGINX_PORT/shop" get.lua "$c" "$THREADS"
    # The same bytes asked for with the shoppers' script (their cookies, and a Lua callback per response to count cache
    # hits, which costs wrk CPU on the same two cores): the ceiling the shopper rows are compared with.
    run_wrk "static ceiling (nginx), shopper requests" "http://127.0.0.1:$NGINX_PORT/shop" get_shopper.lua "$c" "$THREADS"
    run_cached "home /" "$BASE/" get.lua "$c" "$THREADS"
    run_cached "catalogue /shop" "$BASE/shop" get.lua "$c" "$THREADS"
    run_cached "search+filter $SEARCH_URL" "$BASE$SEARCH_URL" get.lua "$c" "$THREADS"
    run_cached "product /product/$PRODUCT_SLUG" "$BASE/product/$PRODUCT_SLUG" get.lua "$c" "$THREADS"
    run_cached "home /, shopper with 1-3 cart lines" "$BASE/" get_shopper.lua "$c" "$THREADS"
    run_cached "catalogue /shop, shopper" "$BASE/shop" get_shopper.lua "$c" "$THREADS"
    run_cached "search+filter, shopper" "$BASE$SEARCH_URL" get_shopper.lua "$c" "$THREADS"
    run_cached "product page, shopper" "$BASE/product/$PRODUCT_SLUG" get_shopper.lua "$c" "$THREADS"
    # The same cached page as the browser asks for it (issue 13 item 8): Brotli, compressed once per badge count (ADR 10).
    BENCH_ACCEPT_ENCODING=br run_cached "catalogue /shop, shopper, Accept-Encoding br" "$BASE/shop" get_shopper.lua "$c" "$THREADS"
    run_wrk "cart page /cart, shopper (rendered)" "$BASE/cart" get_shopper.lua "$c" "$THREADS"
    run_wrk "checkout page GET /checkout, shopper (rendered)" "$BASE/checkout" get_shopper.lua "$c" "$THREADS"
    BEFORE_ROW=add_row_start
    run_wrk "add to cart POST" "$BASE" add.lua "$c" "$THREADS"
    BEFORE_ROW=
    if row_enabled "add to cart POST"; then
    # Every 302 must have added exactly one unit: the database is the witness, not the status code. wrk stops counting
    # with up to one post per connection still in flight, which the shop finishes: so the units added lie between the
    # 302s counted and the posts sent (add.lua counts both); outside that range a unit was lost or added twice.
    posts=$(tail -1 "$RESULTS" | grep -o 'requests=[0-9]*' | cut -d= -f2)
    not302=$(tail -1 "$RESULTS" | awk '{for(i=1;i<=NF;i++) if ($i ~ /^bad=/) {split($i,a,"="); s+=a[2]}} END{print s+0}')
    sent=$(tail -1 "$RESULTS" | grep -o 'sent=[0-9]*' | cut -d= -f2)
    added=$(( $(units) - UNITS_BEFORE ))
    ok=ok; { [ "$added" -lt $((posts - not302)) ] || [ "$added" -gt "$sent" ]; } && ok="MISMATCH"
    ADD_CHECK+=("c=$c: $((posts - not302)) posts answered 302, $sent sent, $added units added to carts ($ok: answered ≤ added ≤ sent)")
    fi
    BEFORE_ROW=checkout_row_start
    run_wrk "checkout flow (5 requests/order)" "$BASE" checkout.lua "$c" "$c"
    BEFORE_ROW=
    row_enabled "checkout flow" && ADD_CHECK+=("c=$c checkout: $(( $(psqlq -c "SELECT count(*) FROM orders") - ORDERS_BEFORE )) orders in the database")
    reset_db_for_writes
done
PEAK_RSS_KB=$(awk '/^VmHWM/{print $2}' "/proc/$APP_PID/status")
RSS_NOW_KB=$(awk '/^VmRSS/{print $2}' "/proc/$APP_PID/status")
STEAL_PCT=$(echo "$CPU_TIMES_BEFORE $(cpu_times)" | awk '{d = $3 - $1; printf "%.1f", 100 * ($4 - $2) / (d > 0 ? d : 1)}')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- 6. report
MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/{printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
DOTNET_RT=$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/{v=$2}END{print v}')
REPORT=$(python3 - "$RESULTS" "$CLK_TCK" <<'PY'
import sys, re
CLK_TCK = int(sys.argv[2])
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    name, conns, bench, extra = line.rstrip("\n").split("\t")
    kv = dict(p.split("=", 1) for p in bench.split()[1:])
    kv.update(dict(p.split("=", 1) for p in extra.split()))
    rows.append((name, int(conns), kv))
# Each row is compared with nginx driven by the same wrk script: get.lua for the anonymous rows, get_shopper.lua
# (cookies + a response callback) for the shopper rows, the Brotli one included.
ceiling = {c: float(kv["rps"]) for n, c, kv in rows if n == "static ceiling (nginx)"}
shopper_ceiling = {c: float(kv["rps"]) for n, c, kv in rows if n == "static ceiling (nginx), shopper requests"}
print("| route | conns | req/s | p50 ms | p99 ms | errors | bytes/resp | vs nginx, same script | cache hits | SQL/req | KB alloc/req | app CPU ms/req | warm-up s |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, c, kv in rows:
    req = int(kv["requests"]); rps = float(kv["rps"])
    errors = int(kv["status_errors"]) + int(kv["socket_errors"]) + int(kv["bad"])
    static = name.startswith("static")
    same_script = shopper_ceiling.get(c) if "shopper" in name else ceiling.get(c)
    ratio = "—" if static or not same_script else f"{100 * rps / same_script:.0f}%"
    if "ratio" in kv:  # measured in rounds, each against nginx just before it (run_cached)
        ratio = f"{100 * float(kv['ratio']):.0f}%"
    sql = "—" if static else f"{int(kv['sql']) / max(req, 1):.2f}"
    alloc = "—" if static else f"{int(kv['alloc']) / max(req, 1) / 1024:.1f}"
    cpu = "—" if static else f"{1000 * int(kv['cpu_ticks']) / CLK_TCK / max(req, 1):.3f}"
    hits = f"{100 * int(kv.get('hits', 0)) / max(req, 1):.0f}%" if "shopper" in name and "rendered" not in name and not static else "—"
    warm = "—" if static else kv["warm"]
    shown = name
    if name.startswith("checkout flow"):
        orders = int(kv["orders"]); secs = float(kv["seconds"])
        shown = f"{name}: **{orders / secs:,.0f} orders/s**"
    print(f"| {shown} | {c} | {rps:,.0f} | {kv['p50_ms']} | {kv['p99_ms']} | {errors} | {int(kv['bytes']) // max(req, 1):,} | {ratio} | {hits} | {sql} | {alloc} | {cpu} | {warm} |")
PY
)
SUMMARY=$(cat <<EOF
- peak RSS of the app (VmHWM after all runs): **$((PEAK_RSS_KB / 1024)) MB** (RSS at the end: $((RSS_NOW_KB / 1024)) MB)
- process start → \`/health/ready\` 200: **${READY_MS} ms**, the median of ${#READY_LIST[@]} starts on the migrated database (${READY_LIST[*]} ms; the very first start, which migrates and seeds an empty database, took ${FIRST_READY_MS} ms)
- page-cache rows (home, catalogue, search, product; anonymous and shopper): ${ROUNDS} rounds of ${ROUND_DURATION}, each nginx with the same script and then the app, back to back; req/s, p50 and p99 are the medians over the rounds, "vs nginx" the median of the rounds' ratios (nginx's own speed moves between runs on this machine)
- SQL statements per request: column "SQL/req" (pg_stat_statements, every statement incl. BEGIN/COMMIT but not the pool's reset, sampled before and after each run); "KB alloc/req": the app's \`dotnet.gc.heap.total_allocated\` over the run ÷ requests; "cache hits": answers with an \`Age\` header
- time to steady state: each row warms up in ${WARMUP_STEP_S}s slices until the app's runtime compiles < ${STEADY_JIT_PER_S} methods/s (\`dotnet.jit.compiled_methods\`); column "warm-up s"; **${FIRST_STEADY_S} s** of load from start until the first route was steady, **${WARM_TOTAL} s** of warm-up over all rows
- database checks: $(IFS=';'; echo "${ADD_CHECK[*]}")
- catalogue page: $PAGE_BYTES bytes; wrk $THREADS threads (checkout: one thread per connection), $DURATION per row
- machine: $MACHINE; ASP.NET Core runtime $DOTNET_RT
- load average after the run: $LOAD (other engineers share this machine; numbers taken under load are noisy)
- CPU time taken by the hypervisor (steal) while the rows ran: ${STEAL_PCT} % of the machine
- run at $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet -- src 2>/dev/null || echo " + uncommitted src changes")
EOF
)
printf '\n%s\n\n%s\n' "$REPORT" "$SUMMARY"

if [ "$UPDATE_DOCS" = 1 ] && [ -f "$ROOT/docs/performance.md" ] && grep -q '<!-- bench:begin -->' "$ROOT/docs/performance.md"; then
    python3 - "$ROOT/docs/performance.md" <<PY
import sys, re
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
block = """<!-- bench:begin -->
$REPORT

$SUMMARY
<!-- bench:end -->"""
text = re.sub(r"<!-- bench:begin -->.*?<!-- bench:end -->", lambda m: block, text, flags=re.S)
open(path, "w", encoding="utf-8").write(text)
PY
    log "docs/performance.md updated"
fi

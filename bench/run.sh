#!/usr/bin/env bash
# Fake Shop benchmark harness: one command, from a clean clone, as root on Debian 12 (or a user who may sudo apt).
#
#   bench/run.sh                      # full run: publish, PostgreSQL (durable commits), app, nginx ceiling, wrk
#   DURATION=5s bench/run.sh          # shorter runs while iterating
#   APP_DIR=/tmp/pub bench/run.sh     # reuse an existing `dotnet publish` output instead of publishing again
#   UPDATE_DOCS=0 bench/run.sh        # do not rewrite the results block in docs/performance.md
#   APP_ENV="DOTNET_gcServer=0" bench/run.sh   # measure a runtime-settings variant of the same build
#   MODE=soak bench/run.sh (= bench/soak.sh)   # SOAK_MINUTES (10) of mixed load instead of the benchmark;
#                                               # a request slower than SOAK_TIMEOUT (10s) counts as an error
#
# What it does, in order:
#  1. installs wrk and nginx-light when missing (Debian packages);
#  2. starts a throwaway PostgreSQL 15 cluster in a temp dir WITH durable commits (fsync=on, synchronous_commit=on,
#     full_page_writes=on) and pg_stat_statements, to count SQL statements per request;
#  3. publishes src/Web in Release and starts it in Production on PostgreSQL; the first start migrates and seeds,
#     the second start (timed) is process start -> GET /health/ready = 200;
#  4. saves the exact bytes of the catalogue page and serves them with nginx (2 workers, access_log off): the ceiling;
#  5. warms up, then runs wrk (THREADS threads, each of CONNECTIONS, DURATION) on: home, catalogue, catalogue with
#     search + category filter, product page (these four from the page cache for a visitor without a cart), the
#     catalogue for a shopper with a cart (rendered every time), add-to-cart POST, and a whole checkout flow;
#  6. prints the table, peak RSS (VmHWM), start-to-ready, SQL statements per request, and writes them into
#     docs/performance.md between the bench markers together with the machine description and load.
# Everything it starts (app, nginx, PostgreSQL) is stopped on exit, and the temp dir is removed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-"8 32"}
VISITORS=${VISITORS:-128}
UPDATE_DOCS=${UPDATE_DOCS:-1}
PGBIN=/usr/lib/postgresql/15/bin

log() { printf '\033[1m[bench %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

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
AS_PG=()
[ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)
cleanup() {
    set +e
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    [ "$PG_STARTED" = 1 ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- 2. PostgreSQL with durable commits
PGPORT=$(free_port)
mkdir -p "$WORK/pg"
[ "$(id -u)" -eq 0 ] && chown postgres: "$WORK/pg"
log "PostgreSQL 15 on port $PGPORT (fsync=on, synchronous_commit=on)"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 60 -o "-p $PGPORT -k $WORK/pg \
 -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 \
 -c shared_buffers=128MB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" start >/dev/null
PG_STARTED=1
psqlq() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "${PGDB:-shop}" -v ON_ERROR_STOP=1 -qAt "$@"; }
PGDB=postgres psqlq -c "CREATE DATABASE shop"
psqlq -c "CREATE EXTENSION pg_stat_statements"
CS="Host=127.0.0.1;Port=$PGPORT;Database=shop;Username=postgres"

# ---------------------------------------------------------------- 3. the app
if [ -z "${APP_DIR:-}" ]; then
    APP_DIR="$WORK/app"
    log "dotnet publish src/Web -c Release"
    dotnet publish "$ROOT/src/Web" -c Release -o "$APP_DIR" -nologo -v q >"$WORK/publish.log" 2>&1 \
        || { cat "$WORK/publish.log"; die "publish failed"; }
fi
[ -f "$APP_DIR/FakeShop.Web.dll" ] || die "no FakeShop.Web.dll in $APP_DIR"
APP_PORT=$(free_port)
BASE="http://127.0.0.1:$APP_PORT"

start_app() {
    (
        cd "$APP_DIR"
        export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" DOTNET_NOLOGO=1 \
            Database__Provider=Postgres ConnectionStrings__Shop="$CS" Database__MigrateOnStartup=true \
            Logging__LogLevel__Default=Warning RateLimiting__PermitsPerMinute=1000000 Shutdown__DrainSeconds=0
        # APP_ENV="DOTNET_gcServer=0 ..." runs a variant (runtime knobs) without rebuilding.
        exec env ${APP_ENV:-} dotnet "$APP_DIR/FakeShop.Web.dll"
    ) >>"$WORK/app.log" 2>&1 &
    APP_PID=$!
}
wait_ready() { # prints milliseconds from $1 (ns) to the first /health/ready 200
    local started=$1
    for _ in $(seq 1 3000); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ]; then
            echo $(( ($(date +%s%N) - started) / 1000000 )); return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log" >&2; die "the app exited"; }
        sleep 0.01
    done
    die "the app was not ready within 30 s"
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }

log "first start (migrates and seeds an empty database)"
t0=$(date +%s%N); start_app; FIRST_READY_MS=$(wait_ready "$t0")
stop_app
log "timed start"
t0=$(date +%s%N); start_app; READY_MS=$(wait_ready "$t0")
log "start-to-ready: ${READY_MS} ms (first start with migration and seed: ${FIRST_READY_MS} ms)"

# Catalogue data for the scenarios.
PRODUCT_SLUG=$(psqlq -c "SELECT \"Slug\" FROM products WHERE \"IsActive\" ORDER BY \"Id\" LIMIT 1")
CATEGORY=$(psqlq -c "SELECT c.\"Slug\" FROM categories c ORDER BY (SELECT count(*) FROM products p WHERE p.\"CategoryId\"=c.\"Id\") DESC LIMIT 1")
psqlq -c "SELECT \"Id\" FROM products WHERE \"IsActive\" ORDER BY \"Id\"" >"$WORK/products.txt"
SEARCH_URL="/shop?q=micro&category=$CATEGORY&sort=price-asc"
[ -s "$WORK/products.txt" ] || die "the seed catalogue is empty"

# An fs_af antiforgery cookie with a token for it (only checkout needs one now: checkout.lua sends the cookie and
# takes each form's token from the checkout page; the catalogue pages are cached and carry no token, so it comes
# from the login form), and VISITORS visitor cookies, each from a real add-to-cart post (no token: /cart/add).
curl -s -c "$WORK/af.jar" "$BASE/Account/Login" >"$WORK/login.html"
AF_TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$WORK/login.html" | head -1 | sed 's/.*value="//;s/"$//')
AF_COOKIE=$(awk '$6=="fs_af"{print $7}' "$WORK/af.jar")
[ -n "$AF_TOKEN" ] && [ -n "$AF_COOKIE" ] || die "no antiforgery token/cookie on /Account/Login"
first_product=$(head -1 "$WORK/products.txt")
: >"$WORK/visitors.txt"
for _ in $(seq 1 "$VISITORS"); do
    code=$(curl -s -o /dev/null -D "$WORK/h.txt" -w '%{http_code}' \
        --data "productId=$first_product&quantity=1&returnUrl=%2Fcart" "$BASE/cart/add")
    [ "$code" = 302 ] || die "add-to-cart answered $code, expected 302"
    grep -i '^set-cookie: fs_visitor=' "$WORK/h.txt" | sed 's/^[^=]*=//;s/;.*//' | tr -d '\r' >>"$WORK/visitors.txt"
done
[ "$(wc -l <"$WORK/visitors.txt")" -eq "$VISITORS" ] || die "did not get $VISITORS visitor cookies"

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
sql_calls() { psqlq -c "SELECT coalesce(sum(calls),0) FROM pg_stat_statements" 2>/dev/null || echo 0; }
reset_db_for_writes() {
    psqlq -c "DELETE FROM cart_lines" -c "UPDATE products SET \"Stock\" = 1000000" >/dev/null
}
RESULTS="$WORK/results.tsv"
: >"$RESULTS"
# run_wrk NAME URL SCRIPT CONNECTIONS THREADS [duration]: appends a row "name conns requests ... sql/req"
run_wrk() {
    local name=$1 url=$2 script=$3 conns=$4 threads=$5 duration=${6:-$DURATION} out before after
    export BENCH_THREADS=$threads
    before=$(sql_calls)
    out=$(wrk -t "$threads" -c "$conns" -d "$duration" --latency -s "$BENCH_LUA/$script" "$url" 2>&1) \
        || { echo "$out" >&2; die "wrk failed for $name"; }
    after=$(sql_calls)
    local line; line=$(grep '^BENCH ' <<<"$out" || true)
    [ -n "$line" ] || { echo "$out" >&2; die "no result line from wrk for $name"; }
    # The two sampling queries themselves are subtracted.
    printf '%s\t%s\t%s\tsql=%s\n' "$name" "$conns" "$line" "$((after - before - 1))" >>"$RESULTS"
    log "$name c=$conns: $(sed 's/^BENCH //' <<<"$line") sql=$((after - before - 1))"
}

log "warm-up ($WARMUP per route)"
reset_db_for_writes
for u in / /shop "$SEARCH_URL" "/product/$PRODUCT_SLUG"; do
    wrk -t "$THREADS" -c 8 -d "$WARMUP" -s "$BENCH_LUA/get.lua" "$BASE$u" >/dev/null 2>&1
done
BENCH_THREADS=$THREADS wrk -t "$THREADS" -c 8 -d "$WARMUP" -s "$BENCH_LUA/get_shopper.lua" "$BASE/shop" >/dev/null 2>&1
BENCH_THREADS=$THREADS wrk -t "$THREADS" -c 8 -d "$WARMUP" -s "$BENCH_LUA/add.lua" "$BASE" >/dev/null 2>&1
reset_db_for_writes
BENCH_THREADS=8 wrk -t 8 -c 8 -d "$WARMUP" -s "$BENCH_LUA/checkout.lua" "$BASE" >/dev/null 2>&1
ADD_CHECK=()
for c in $CONNECTIONS; do
    run_wrk "static ceiling (nginx)" "http://127.0.0.1:$NGINX_PORT/shop" get.lua "$c" "$THREADS"
    run_wrk "home /" "$BASE/" get.lua "$c" "$THREADS"
    run_wrk "catalogue /shop" "$BASE/shop" get.lua "$c" "$THREADS"
    run_wrk "search+filter $SEARCH_URL" "$BASE$SEARCH_URL" get.lua "$c" "$THREADS"
    run_wrk "product /product/$PRODUCT_SLUG" "$BASE/product/$PRODUCT_SLUG" get.lua "$c" "$THREADS"
    run_wrk "catalogue /shop, shopper with a cart (rendered, not cached)" "$BASE/shop" get_shopper.lua "$c" "$THREADS"
    reset_db_for_writes
    run_wrk "add to cart POST" "$BASE" add.lua "$c" "$THREADS"
    # Every 302 must have added exactly one unit: the database is the witness, not the status code.
    units=$(psqlq -c "SELECT coalesce(sum(\"Quantity\"),0) FROM cart_lines")
    posts=$(tail -1 "$RESULTS" | grep -o 'requests=[0-9]*' | cut -d= -f2)
    ADD_CHECK+=("c=$c: $posts posts answered, $units units in carts")
    reset_db_for_writes
    orders_before=$(psqlq -c "SELECT count(*) FROM orders")
    run_wrk "checkout flow (5 requests/order)" "$BASE" checkout.lua "$c" "$c"
    orders_after=$(psqlq -c "SELECT count(*) FROM orders")
    ADD_CHECK+=("c=$c checkout: $((orders_after - orders_before)) orders in the database")
done
PEAK_RSS_KB=$(awk '/^VmHWM/{print $2}' "/proc/$APP_PID/status")
RSS_NOW_KB=$(awk '/^VmRSS/{print $2}' "/proc/$APP_PID/status")
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- 6. report
MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/{printf "%.1f GiB RAM", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
DOTNET_RT=$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/{v=$2}END{print v}')
REPORT=$(python3 - "$RESULTS" <<'PY'
import sys, re
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    name, conns, bench, sql = line.rstrip("\n").split("\t")
    kv = dict(p.split("=", 1) for p in bench.split()[1:])
    kv.update(dict([sql.split("=", 1)]))
    rows.append((name, int(conns), kv))
ceiling = {c: float(kv["rps"]) for n, c, kv in rows if n.startswith("static")}
print("| route | conns | req/s | p50 ms | p99 ms | errors | bytes/resp | vs static | SQL/req |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, c, kv in rows:
    req = int(kv["requests"]); rps = float(kv["rps"])
    errors = int(kv["status_errors"]) + int(kv["socket_errors"]) + int(kv["bad"])
    ratio = "—" if name.startswith("static") else f"{100 * rps / ceiling[c]:.0f}%"
    sql = "—" if name.startswith("static") else f"{int(kv['sql']) / max(req, 1):.2f}"
    shown = name
    if name.startswith("checkout"):
        orders = int(kv["orders"]); secs = float(kv["seconds"])
        shown = f"{name}: **{orders / secs:,.0f} orders/s**"
    print(f"| {shown} | {c} | {rps:,.0f} | {kv['p50_ms']} | {kv['p99_ms']} | {errors} | {int(kv['bytes']) // max(req, 1):,} | {ratio} | {sql} |")
PY
)
SUMMARY=$(cat <<EOF
- peak RSS of the app (VmHWM after all runs): **$((PEAK_RSS_KB / 1024)) MB** (RSS at the end: $((RSS_NOW_KB / 1024)) MB)
- process start → \`/health/ready\` 200: **${READY_MS} ms** (migrated database; the very first start, which migrates and seeds an empty database, took ${FIRST_READY_MS} ms)
- SQL statements per request: column "SQL/req" (pg_stat_statements, all statements incl. BEGIN/COMMIT, sampled before and after each run)
- database checks: $(IFS=';'; echo "${ADD_CHECK[*]}")
- catalogue page: $PAGE_BYTES bytes; wrk $THREADS threads (checkout: one thread per connection), $DURATION per row, warm-up $WARMUP per route
- machine: $MACHINE; ASP.NET Core runtime $DOTNET_RT
- load average after the run: $LOAD (other engineers share this machine; numbers taken under load are noisy)
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

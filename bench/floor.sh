#!/usr/bin/env bash
# The floor of the shop's stack: how much resident memory (and start-up time) the runtime, ASP.NET Core, Razor Pages
# and EF Core on Npgsql take before any of the shop's own code runs (docs/performance.md "Peak RSS and start-up,
# eleventh round"; ADR 38).
#
#   bench/floor.sh                       # publishes bench/floor, 2 interleaved rounds of every mode
#   MODES='razor ef' REPEAT=3 bench/floor.sh
#   FLOOR_DIR=/tmp/floor-pub bench/floor.sh   # reuse a `dotnet publish bench/floor -c Release` output
#   APP_ENV=DOTNET_TieredCompilation=0 MODES=ef bench/floor.sh   # a runtime knob, as bench/run.sh's APP_ENV
#
# Each mode (bench/floor/Program.cs) is started as bench/run.sh starts the shop (Production, PostgreSQL with durable
# commits in a throwaway cluster, the same runtimeconfig): start -> /ready timed, then its page is loaded at
# 32 connections until the runtime compiles < STEADY_JIT_PER_S methods/s (at most WARMUP_MAX_S), then LOAD_S more
# seconds; peak RSS (VmHWM) and the resident split are read from /proc at the end, as bench/run.sh's variants do.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODES=${MODES:-"hello razor ef stack"}
REPEAT=${REPEAT:-2}
LOAD_S=${LOAD_S:-20}
WARMUP_MAX_S=${WARMUP_MAX_S:-90}
STEADY_JIT_PER_S=${STEADY_JIT_PER_S:-20}
. "$ROOT/bench/lib.sh"

log() { printf '\033[1m[floor %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
command -v wrk >/dev/null || die "wrk is needed (apt-get install wrk)"
[ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed"

WORK=$(mktemp -d /tmp/fakeshop-floor.XXXXXX)
chmod 755 "$WORK"
APP_PID= PG_STARTED=0
cleanup() {
    set +e
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    [ "$PG_STARTED" = 1 ] && pg_stop "$WORK/pg"
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PGPORT=$(free_port)
pg_start "$WORK/pg" "$PGPORT"
PG_STARTED=1
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt -c "CREATE DATABASE floor"
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d floor -v ON_ERROR_STOP=1 -qAt <<'SQL'
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, description text NOT NULL, price numeric(12,2) NOT NULL);
INSERT INTO items SELECT i, 'Produto ' || i, repeat('Uma descrição de produto com acentos e cedilha. ', 20), 10 + i
FROM generate_series(1, 200) AS i;
SQL
CS="Host=127.0.0.1;Port=$PGPORT;Database=floor;Username=postgres"

if [ -z "${FLOOR_DIR:-}" ]; then
    FLOOR_DIR="$WORK/app"
    log "dotnet publish bench/floor -c Release"
    publish "$ROOT/bench/floor" "$FLOOR_DIR" || die "publish failed"
fi
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
jit_count() { # the floor app's JIT-compiled method count (its /jit); HTTP/1.0, so the body comes unchunked
    local fd line
    exec {fd}<>"/dev/tcp/127.0.0.1/$PORT"
    printf 'GET /jit HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
    while IFS= read -r -t 5 line <&"$fd" && [ "$line" != $'\r' ]; do :; done
    IFS= read -r -t 5 line <&"$fd" || true
    exec {fd}>&-
    [[ $line =~ ^[0-9]+$ ]] && printf '%s' "$line"
}
status_mb() { awk -v k="$1:" '$1 == k {print int($2/1024)}' "/proc/$APP_PID/status"; }

printf 'mode\trun\tready_ms\tcpu_ms\trss_ready\twarm_s\treq_s\tpeak\trss\tfiles\tanon\tshmem\n' >"$WORK/floor.tsv"
for r in $(seq 1 "$REPEAT"); do
    for mode in $MODES; do
        t0=$(date +%s%N)
        ( cd "$FLOOR_DIR"; exec env ${APP_ENV:-} FLOOR_MODE="$mode" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$BASE" \
            DOTNET_NOLOGO=1 ConnectionStrings__Floor="$CS" Logging__LogLevel__Default=Warning \
            dotnet "$FLOOR_DIR/FakeShop.Floor.dll" ) >>"$WORK/app.log" 2>&1 &
        APP_PID=$!
        ready=$(wait_ready "$t0" "$PORT" /ready)
        cpu_ms=$(( $(awk '{print $14 + $15}' "/proc/$APP_PID/stat") * 1000 / $(getconf CLK_TCK) ))
        rss_ready=$(status_mb VmRSS)
        warm=0
        while [ "$warm" -lt "$WARMUP_MAX_S" ]; do
            j0=$(jit_count); wrk -t 2 -c 32 -d 2s "$BASE/" >/dev/null 2>&1 || true; j1=$(jit_count); warm=$((warm + 2))
            [ $(( (j1 - j0) / 2 )) -lt "$STEADY_JIT_PER_S" ] && break
        done
        wrk -t 2 -c 32 -d "${LOAD_S}s" "$BASE/" >"$WORK/wrk.txt" 2>&1 || true
        grep -q 'Non-2xx' "$WORK/wrk.txt" && { cat "$WORK/wrk.txt" >&2; die "$mode answered errors"; }
        rps=$(awk '/^Requests\/sec/{print int($2)}' "$WORK/wrk.txt")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$r" "$ready" "$cpu_ms" "$rss_ready" "$warm" "$rps" \
            "$(status_mb VmHWM)" "$(status_mb VmRSS)" "$(status_mb RssFile)" "$(status_mb RssAnon)" "$(status_mb RssShmem)" >>"$WORK/floor.tsv"
        log "$(tail -1 "$WORK/floor.tsv" | awk -F'\t' '{printf "%s (run %s): ready %s ms, CPU to ready %s ms, RSS at ready %s MB, steady after %s s, %s req/s, peak RSS %s MB (now %s: files %s, anonymous %s, W^X shared %s)", $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12}')"
        kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
    done
done
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORK/floor.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| mode | runs | start → ready ms | CPU to ready ms | RSS at ready MB | s to steady | req/s (c=32) | peak RSS MB | files MB | anonymous MB | W^X shared MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for mode in dict.fromkeys(r["mode"] for r in rows):
    rs = [r for r in rows if r["mode"] == mode]
    med = lambda k: int(statistics.median(int(r[k]) for r in rs))
    span = lambda k: "/".join(r[k] for r in rs)
    print(f"| {mode} | {len(rs)} | {med('ready_ms')} | {med('cpu_ms')} | {med('rss_ready')} | {span('warm_s')} | {med('req_s')} | {span('peak')} | {med('files')} | {med('anon')} | {med('shmem')} |")
PY

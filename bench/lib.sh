# Sourced by bench/run.sh and bench/floor.sh: free ports, the throwaway PostgreSQL 15 cluster both measure against, the
# publish step and the timed wait for an app to be ready.
PGBIN=/usr/lib/postgresql/15/bin
AS_PG=()
[ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

# pg_start DIR PORT [more server options]: a new cluster in DIR/data, started on 127.0.0.1:PORT. Durable commits
# (fsync, synchronous_commit and full-page writes on), as production runs: the benchmarks measure orders that are on
# disk. Trust authentication: it listens on loopback only and lives as long as the run.
pg_start() {
    local dir=$1 port=$2; shift 2
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 -o "-p $port -k $dir \
 -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 \
 -c shared_buffers=128MB $*" start >/dev/null
}

pg_stop() { "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null 2>&1; }

# publish PROJECT DIR: `dotnet publish` in Release (ReadyToRun, as the project files set it) into DIR; its log is shown
# only when it fails.
publish() {
    dotnet publish "$1" -c Release -o "$2" -nologo -v q >"$2.publish.log" 2>&1 || { cat "$2.publish.log" >&2; return 1; }
}

# The poller forks nothing: a curl (and a `sleep`) every 10 ms cost the starting app ≈ 100 ms of CPU to ready and
# 100-470 ms of wall time on two cores (interleaved starts, docs/performance.md "Start-up, fifth round"): it measured
# the poller. Bash opens the socket itself; `read -t` on a pipe nobody writes to is the pause.
exec {PAUSE_FD}<> <(:)
ready_once() { # $1 = port, $2 = path: 0 when GET answers 200
    local fd line
    { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&"$fd"
    read -r -t 5 line <&"$fd"; exec {fd}>&-
    [[ $line == "HTTP/1.1 200 "* ]]
}
# wait_ready STARTED_NS PORT PATH: prints the milliseconds from STARTED_NS to the first 200 of PATH. Uses the calling
# script's APP_PID (it stops waiting when that process exits, showing the end of $WORK/app.log) and die.
wait_ready() {
    local started=$1
    for _ in $(seq 1 3000); do
        if ready_once "$2" "$3"; then
            local now=${EPOCHREALTIME/./} # microseconds, without a fork
            echo $(( (now * 1000 - started) / 1000000 )); return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log" >&2; die "the app exited"; }
        read -r -t 0.01 -u "$PAUSE_FD" || true
    done
    die "the app was not ready within 30 s"
}

# Sourced by bench/run.sh and bench/floor.sh: free ports and the throwaway PostgreSQL 15 cluster both measure against.
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

#!/usr/bin/env bash
# Runs every test of Fake Shop on a fresh Debian/Ubuntu machine and prints one summary line "N passed, N failed".
#
#   scripts/test.sh                   # everything, as root (installs PostgreSQL, Chromium and the container tools if missing)
#   SKIP_CONTAINER_TESTS=1 scripts/test.sh   # all but the image build/sign/verify and compose-stack tests (minutes)
#
# Nothing is left running: each test project starts its own throwaway PostgreSQL cluster (or uses SHOP_TEST_PG),
# its own browser and, for the image tests, its own registry and dockerd, and stops them when it ends.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOG_DIR=${TEST_LOG_DIR:-$ROOT/artifacts/test-logs}
mkdir -p "$LOG_DIR" && rm -f "$LOG_DIR"/test-*.log
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false

say() { printf '\n== %s\n' "$*"; }

# ---- 1. Debian packages the tests need -------------------------------------------------------------------------
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ "${SKIP_CONTAINER_TESTS:-0}" != 1 ]; then
  for tool in docker-registry:docker-registry skopeo:skopeo umoci:umoci runc:runc jq:jq dockerd:docker.io debootstrap:debootstrap docker-compose:docker-compose; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
  done
fi
# Validators the deployment tests run on our manifests and configs (kubectl ships with this kind of machine).
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
# docker/sbom.sh (run by the cosign tests' SBOM script test, not only by image builds) merges with jq.
command -v jq >/dev/null 2>&1 || need+=(jq)
# The Pix QR test rasterises the SVG and reads it back with a QR reader.
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)
if [ ${#need[@]} -gt 0 ]; then
  say "installing: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${need[*]}. Run this script as root or install them first." >&2
    echo "0 passed, 1 failed"; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # --no-upgrade: never touch an already installed PostgreSQL (stack-notes gotcha 12).
  apt-get update -q >"$LOG_DIR/apt.log" 2>&1 && apt-get install -y -q --no-install-recommends --no-upgrade "${need[@]}" >>"$LOG_DIR/apt.log" 2>&1 \
    || { tail -20 "$LOG_DIR/apt.log"; echo "0 passed, 1 failed"; exit 1; }
fi

# ---- 2. Build (warnings are errors) and the migration guard ----------------------------------------------------
say "restore and build"
dotnet tool restore >/dev/null && dotnet restore FakeShop.slnx >"$LOG_DIR/restore.log" 2>&1 \
  && dotnet build FakeShop.slnx --no-restore -c Debug >"$LOG_DIR/build.log" 2>&1
if [ $? -ne 0 ]; then
  grep -E "error|Error" "$LOG_DIR/build.log" "$LOG_DIR/restore.log" | sort -u | head -30
  echo "build failed (see $LOG_DIR/build.log)" >&2
  echo "0 passed, 1 failed"; exit 1
fi

guard_failed=0
say "migration guard: the model must have no changes without a migration"
for ctx in PostgresShopDbContext SqliteShopDbContext; do
  if ! dotnet ef migrations has-pending-model-changes --no-build --project src/Infrastructure --startup-project src/Web --context "$ctx" >"$LOG_DIR/ef-$ctx.log" 2>&1; then
    cat "$LOG_DIR/ef-$ctx.log"; guard_failed=1
  else
    echo "$ctx: no pending model changes"
  fi
done

# ---- 3. Tests ----------------------------------------------------------------------------------------------------
run_tests() { # $1 = label, rest = dotnet test arguments
  local label=$1; shift
  say "tests: $label"
  # The full log (app logs included) goes to the file; the console gets failures and the counts.
  dotnet test "$@" --no-build --logger "console;verbosity=normal" >"$LOG_DIR/test-$label.log" 2>&1
  grep -E "^\s+Failed [A-Za-z]|^\s+(Error Message|Assert)|^Total tests:|^\s+(Passed|Failed|Skipped): +[0-9]+$|error (CS|MSB)[0-9]+|Test Run Aborted" \
    "$LOG_DIR/test-$label.log" | head -60 || true
}

container_project=tests/FakeShop.Container.Tests/FakeShop.Container.Tests.csproj
projects=$(dotnet sln FakeShop.slnx list | grep -E '^tests/.*Tests\.csproj$' | grep -v "FakeShop.Container.Tests" )
# One project at a time: the suites start real servers and a browser, and the machine has two cores.
for p in $projects; do
  run_tests "$(basename "$p" .csproj)" "$p"
done
if [ "${SKIP_CONTAINER_TESTS:-0}" != 1 ] && [ -f "$container_project" ]; then
  run_tests "FakeShop.Container.Tests" "$container_project"
fi

# ---- 4. One summary line for CI ----------------------------------------------------------------------------------
cat "$LOG_DIR"/test-*.log | awk -v guard="$guard_failed" '
  /^ +Passed: +[0-9]+$/  { p += $2 }
  /^ +Failed: +[0-9]+$/  { f += $2 }
  /^ +Skipped: +[0-9]+$/ { s += $2 }
  /Test Run Aborted|error MSB[0-9]+/ { aborted++ }
  END { f += guard + aborted; if (s > 0) printf "%d passed, %d failed, %d skipped\n", p, f, s; else printf "%d passed, %d failed\n", p, f; exit (f > 0 || p == 0) ? 1 : 0 }'

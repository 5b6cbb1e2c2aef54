#!/usr/bin/env bash
# Soak test: SOAK_MINUTES (default 10) of mixed load (browse + add to cart + whole checkout flows at the same time)
# against the app in Production on PostgreSQL with durable commits, one row per minute: throughput, errors, RSS.
# Same set-up and clean-up as bench/run.sh (APP_DIR=... skips the publish); writes the result into docs/performance.md.
exec env MODE=soak "$(dirname "$0")/run.sh" "$@"

-- Shared by every bench scenario: collects per-thread counters and prints one machine-readable line that
-- bench/run.sh turns into a table row. Counters a scenario may set per thread: bad (unexpected responses),
-- orders (completed checkout flows).
threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads - 1)
end

function report_done(summary, latency, requests)
  local bad, orders = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("bad") or 0)
    orders = orders + (t:get("orders") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f status_errors=%d socket_errors=%d bad=%d orders=%d bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, bad, orders, summary.bytes))
end

done = report_done

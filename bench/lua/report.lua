-- Shared by every bench scenario: collects per-thread counters and prints one machine-readable line that
-- bench/run.sh turns into a table row. Counters a scenario may set per thread: bad (unexpected responses),
-- orders (completed checkout flows), hits (answers from the page cache), sent (requests handed to the socket: with
-- those still unanswered when wrk stops, a write can land in the database without being counted as answered). Also the helpers the scenarios share to read run.sh's lists.
threads = {}

-- The non-empty lines of a file (run.sh writes one visitor cookie or product id per line).
function lines(path)
  local t = {}
  for line in io.lines(path) do if #line > 0 then table.insert(t, line) end end
  return t
end

-- This thread's share of a list: every BENCH_THREADS-th item, starting at the thread's id, so threads never
-- share a visitor.
function thread_share(all)
  local nthreads = tonumber(os.getenv("BENCH_THREADS"))
  local mine = {}
  for i, v in ipairs(all) do
    if (i - 1) % nthreads == id then table.insert(mine, v) end
  end
  return mine
end

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads - 1)
end

function report_done(summary, latency, requests)
  local bad, orders, hits, sent = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("bad") or 0)
    orders = orders + (t:get("orders") or 0)
    hits = hits + (t:get("hits") or 0)
    sent = sent + (t:get("sent") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f status_errors=%d socket_errors=%d bad=%d orders=%d bytes=%d hits=%d sent=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, bad, orders, summary.bytes, hits, sent))
end

done = report_done

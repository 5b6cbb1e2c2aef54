-- GET of the URL given on the wrk command line as a shopper with 1-3 lines in the cart: each request carries one of
-- the shoppers' Cookie headers (visitor cookie + sealed cart-count cookie, as their browser would send them). Public
-- pages come from the page cache with the shopper's own count filled in (docs/decisions/0008); the cart and checkout
-- pages are rendered. Expects 200; counts answers from the cache (an Age header) as hits.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

-- BENCH_ACCEPT_ENCODING=br measures the compressed answers (docs/decisions/0010); unset, the plain page as before.
accept_encoding = os.getenv("BENCH_ACCEPT_ENCODING")

-- Each shopper's request is formatted once: building it per request in Lua cost wrk CPU on the cores the shop and
-- nginx share with it (the nginx ceiling for these rows runs this same script, bench/run.sh).
function init(args)
  reqs = {}
  for i, v in ipairs(thread_share(lines(os.getenv("BENCH_VISITORS")))) do
    reqs[i] = wrk.format("GET", nil, { ["Cookie"] = v, ["Accept-Encoding"] = accept_encoding })
  end
  n = 0
  bad = 0
  hits = 0
end

function request()
  n = n + 1
  return reqs[(n % #reqs) + 1]
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  if headers["Age"] or headers["age"] then hits = hits + 1 end
end

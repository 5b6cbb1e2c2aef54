-- GET of the URL given on the wrk command line as a shopper with a cart: each request carries one of the visitor
-- cookies (fs_visitor), so the page cache steps aside and every page is rendered for that visitor (their cart badge).
-- This is the path the page cache does not help, measured on its own (docs/decisions/0007). Expects 200.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

function init(args)
  mine = thread_share(lines(os.getenv("BENCH_VISITORS")))
  n = 0
  bad = 0
end

function request()
  local v = mine[(n % #mine) + 1]
  n = n + 1
  return wrk.format("GET", nil, { ["Cookie"] = "fs_visitor=" .. v })
end

function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

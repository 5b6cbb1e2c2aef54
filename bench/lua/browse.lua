-- Soak browsing: each request takes the next of home, catalogue, catalogue with search + filter, product page.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

function init(args)
  paths = { "/", "/shop", os.getenv("BENCH_SEARCH_URL"), "/product/" .. os.getenv("BENCH_PRODUCT_SLUG") }
  n = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

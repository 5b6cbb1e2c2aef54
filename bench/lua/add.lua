-- Add-to-cart: the real form post to /cart/add (productId, quantity, returnUrl + the fs_visitor cookie), expecting
-- 302. The form is on cached public pages and carries no antiforgery token (docs/decisions/0007); a browser's post
-- is same-origin, and wrk sends neither Sec-Fetch-Site nor Origin, which CrossOriginProtectionMiddleware lets pass.
-- Visitors are split between threads; each request moves to the next visitor, then the next product, so no cart
-- line reaches the 99-unit cap during a run (run.sh puts the carts back to their 1-3 lines before each run and checks
-- in the database that every 302 really added one unit; `sent` bounds it from above: posts still in flight when wrk
-- stops are done by the shop but never counted as answered).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

function init(args)
  mine = thread_share(lines(os.getenv("BENCH_VISITORS")))
  products = lines(os.getenv("BENCH_PRODUCTS"))
  n = 0
  sent = 0
  bad = 0
end

function request()
  local v = mine[(n % #mine) + 1]
  local p = products[(math.floor(n / #mine) % #products) + 1]
  n = n + 1
  sent = n
  local body = "productId=" .. p .. "&quantity=1&returnUrl=%2Fcart"
  return wrk.format("POST", "/cart/add", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = v,
  }, body)
end

function response(status, headers, body)
  if status ~= 302 then bad = bad + 1 end
end

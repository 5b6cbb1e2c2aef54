-- A whole checkout flow per iteration: add (POST /cart/add, no token) -> cart -> checkout GET (fresh idempotency
-- Token and antiforgery token parsed from the page; the token pairs with the shopper's fs_af cookie sent on every request)
-- -> checkout POST (expects 302 to /orders/N?placed=1) -> confirmation page.
-- Run with one connection per thread (-t C -c C): a thread's Lua state then drives exactly one connection, so the
-- flow's steps happen in order. Each thread is one shopper (their visitor and cart-count cookies).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  local visitors = lines(os.getenv("BENCH_VISITORS"))
  products = lines(os.getenv("BENCH_PRODUCTS"))
  visitor = visitors[((id + tonumber(os.getenv("BENCH_VISITOR_OFFSET") or "0")) % #visitors) + 1]
  token = os.getenv("BENCH_AF_TOKEN")
  -- The shoppers' lines carry their own fs_af cookie (their cart page's); the login page's pair is the fallback.
  if string.find(visitor, "fs_af=", 1, true) then
    cookie = visitor
  else
    cookie = "fs_af=" .. os.getenv("BENCH_AF_COOKIE") .. "; " .. visitor
  end
  step, n, bad, orders = 1, 0, 0, 0
  checkout_token, location = nil, nil
  form = "&Input.FirstName=Ana&Input.LastName=Bench&Input.Email=ana%40example.com&Input.Phone=%2811%29+91234-5678"
    .. "&Input.Cpf=123.456.789-09&Input.Cep=01000-000&Input.Street=Rua+Augusta&Input.Number=100&Input.Complement="
    .. "&Input.District=Consola%C3%A7%C3%A3o&Input.City=S%C3%A3o+Paulo&Input.Uf=SP&Input.CardHolder=ANA+BENCH"
    .. "&Input.CardNumber=4111+1111+1111+1111&Input.CardExpiry=12%2F35&Input.Cvv=123"
end

local function form_headers()
  return { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }
end

function request()
  if step == 1 then
    local p = products[(n % #products) + 1]
    n = n + 1
    return wrk.format("POST", "/cart/add", form_headers(), "productId=" .. p .. "&quantity=1&returnUrl=%2Fcart")
  elseif step == 2 then
    return wrk.format("GET", "/cart", { ["Cookie"] = cookie })
  elseif step == 3 then
    return wrk.format("GET", "/checkout", { ["Cookie"] = cookie })
  elseif step == 4 then
    return wrk.format("POST", "/checkout", form_headers(),
      "__RequestVerificationToken=" .. urlencode(token) .. "&Token=" .. checkout_token .. form)
  else
    return wrk.format("GET", location, { ["Cookie"] = cookie })
  end
end

local function fail()
  bad = bad + 1
  step = 1
end

function response(status, headers, body)
  if step == 1 then
    if status == 302 then step = 2 else fail() end
  elseif step == 2 then
    if status == 200 then step = 3 else fail() end
  elseif step == 3 then
    local t = status == 200 and body:match('name="Token" value="([^"]+)"')
    local af = body:match('name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
    if t then
      checkout_token = t
      if af then token = af end
      step = 4
    else
      fail()
    end
  elseif step == 4 then
    local loc = headers["Location"] or headers["location"]
    if status == 302 and loc and loc:match("^/orders/") then
      location = loc
      step = 5
    else
      fail()
    end
  else
    if status == 200 then orders = orders + 1; step = 1 else fail() end
  end
end

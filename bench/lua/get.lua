-- Plain GET of the URL given on the wrk command line; wrk counts non-2xx/3xx itself.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

-- wrk script for bench/traffic.py: each request is the next line of a request file
-- (path, optional header name and value, tab-separated) that the Python side drew from the
-- traffic distribution and shuffled. Each thread starts at its own offset, so connections
-- do not walk the same URLs in lockstep (which would turn the spread into cache hits).
--
-- Arguments after wrk's "--": the request file, the number of connections, and optionally
-- a mean think time in ms. Without it every connection sends back to back (closed loop,
-- saturation). With it each connection paces itself: the gap from one send to the next is
-- drawn from an exponential distribution with that mean, so each connection is a Poisson
-- process and all of them together offer connections / think time requests per second.
-- The gap counts from the send, not from the response, so a slow answer does not lower
-- the offered rate as long as it arrives before the next click is due; when it arrives
-- later, that request goes at once, is counted in "late", and its wait for the connection
-- ("lag") is not in its latency (wrk times from the actual send): the Python side compares
-- the lag with the gaps drawn ("drawn") and flags a rate the server did not keep up with.
local lines, n, i = {}, 0, 0
local counter = 0
local threads = {}
local think_ms, sent_at, now_ms
-- Globals, so that done() can read them from each thread with thread:get().
sends, late, drawn, lag = 0, 0, 0, 0

setup = function(thread)
  counter = counter + 1
  thread:set("offset", counter)
  threads[counter] = thread
end

local function paced_request(plain)
  return function()
    sent_at = now_ms()
    sends = sends + 1
    return plain()
  end
end

local function pace(mean_ms)
  -- Lua has no wall clock finer than a second; LuaJIT's ffi reaches the C library's.
  local ffi = require("ffi")
  ffi.cdef("struct spread_ts { long tv_sec; long tv_nsec; };"
    .. "int clock_gettime(int clock_id, struct spread_ts *tp);")
  local ts, monotonic = ffi.new("struct spread_ts"), 1
  now_ms = function()
    ffi.C.clock_gettime(monotonic, ts)
    return tonumber(ts.tv_sec) * 1e3 + tonumber(ts.tv_nsec) / 1e6
  end
  think_ms = mean_ms
  -- Every thread's Lua state starts with the same random sequence: seeded by the thread's
  -- number, the connections' clicks are independent yet the run repeats.
  math.randomseed(offset or 1)
  request = paced_request(request)
  -- wrk only calls delay() if the script defines it when init() returns, so the closed
  -- loop stays exactly as it was when no think time is given.
  delay = function()
    local gap = -think_ms * math.log(1 - math.random())
    drawn = drawn + gap
    if sent_at == nil then
      return math.floor(gap + 0.5)
    end
    local wait = gap - (now_ms() - sent_at)
    if wait <= 0 then
      late, lag = late + 1, lag - wait
      return 0
    end
    return math.floor(wait + 0.5)
  end
end

init = function(args)
  for line in io.lines(args[1]) do
    local path, name, value = line:match("^([^\t]*)\t?([^\t]*)\t?(.*)$")
    n = n + 1
    lines[n] = { path, name, value }
  end
  local stride = math.floor(n / tonumber(args[2] or 1))
  i = ((offset or 1) - 1) * stride
  if args[3] then
    pace(tonumber(args[3]))
  end
end

request = function()
  i = i % n + 1
  local line = lines[i]
  local headers = {}
  if line[2] ~= "" then
    headers[line[2]] = line[3]
  end
  return wrk.format("GET", line[1], headers)
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local paced = { sends = 0, late = 0, drawn = 0, lag = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(paced) do
      paced[name] = paced[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format(
    '{"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, '
      .. '"errors": %d, "non2xx": %d, '
      .. '"sends": %d, "late": %d, "drawn_ms": %.0f, "lag_ms": %.0f}\n',
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, paced.sends, paced.late, paced.drawn, paced.lag))
end

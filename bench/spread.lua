-- wrk script for bench/traffic.py: each request is the next line of a request file
-- (path, optional header name and value, tab-separated) that the Python side drew from the
-- traffic distribution and shuffled. Each thread starts at its own offset, so connections
-- do not walk the same URLs in lockstep (which would turn the spread into cache hits).
local lines, n, i = {}, 0, 0
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

init = function(args)
  for line in io.lines(args[1]) do
    local path, name, value = line:match("^([^\t]*)\t?([^\t]*)\t?(.*)$")
    n = n + 1
    lines[n] = { path, name, value }
  end
  local stride = math.floor(n / tonumber(args[2] or 1))
  i = ((offset or 1) - 1) * stride
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
  io.write(string.format(
    '{"requests": %d, "rps": %.2f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, '
      .. '"errors": %d, "non2xx": %d}\n',
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end

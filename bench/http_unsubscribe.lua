-- wrk script for bench/http.sh: POSTs RFC 8058 one-click unsubscribes, each request to the next
-- token of TOKENS_FILE (one per line), as a mail provider does. With MODE=get it GETs PATH_ONLY
-- instead (the stand-in while a build has no unsubscribe route). Prints one RESULT line.
local tokens = {}
local mode = os.getenv("MODE") or "post"
local path_only = os.getenv("PATH_ONLY") or "/healthz"
local index = 0

init = function(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  -- Threads start at different tokens.
  index = math.random(#tokens)
end

request = function()
  if mode == "get" then
    return wrk.format("GET", path_only)
  end
  index = index % #tokens + 1
  return wrk.format("POST", "/unsubscribe/" .. tokens[index],
    { ["Content-Type"] = "application/x-www-form-urlencoded" }, "List-Unsubscribe=One-Click")
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end

-- wrk script for bench/http.sh: plain GETs of the URL's path; prints one RESULT line.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end

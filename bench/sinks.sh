# Sourced by the benchmark scripts (after scripts/setup.sh): a temporary folder, and the two local
# sinks every load goes to, on free ports of 127.0.0.1, stopped by PID when the script exits:
#   nginx answering 204 to everything (HTTP_PORT; `http_requests` reads its request counter),
#   Postfix's smtp-sink accepting every message (SMTP_PORT; `smtp_messages` reads its counter).

sinks_fail() { echo "bench: FAILED: $*" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
sinks_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap sinks_cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$CRIER_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for_port() { # port, name: waits up to 10 s for a listener on 127.0.0.1:port
  for _ in $(seq 100); do
    "$CRIER_PYTHON" -c 'import socket,sys; socket.create_connection(("127.0.0.1",int(sys.argv[1])),0.2).close()' "$1" \
      2>/dev/null && return 0
    sleep 0.1
  done
  sinks_fail "$2 did not start listening on 127.0.0.1:$1"
}

HTTP_PORT=$(free_port)
SMTP_PORT=$(free_port)
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$HTTP_PORT backlog=4096;
    location = /nginx-status { stub_status; }
    location / { return 204; }
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
smtp_sink=/usr/sbin/smtp-sink
[ -x "$smtp_sink" ] || smtp_sink=/usr/lib/postfix/sbin/smtp-sink
# -c keeps a running count of completed messages.
"$smtp_sink" -c -u nobody "127.0.0.1:$SMTP_PORT" 1024 > "$work/smtp-sink.count" 2> "$work/smtp-sink.err" &
pids+=($!)
wait_for_port "$HTTP_PORT" nginx
wait_for_port "$SMTP_PORT" smtp-sink

# What each sink has received so far: nginx's request counter (less the status request itself)
# and smtp-sink's message counter.
http_requests() { curl -s "http://127.0.0.1:$HTTP_PORT/nginx-status" | awk 'NR == 3 { print $3 - 1 }'; }
smtp_messages() { tr '\r' '\n' < "$work/smtp-sink.count" | sed -n 's/.*mesg=\([0-9]*\).*/\1/p' | tail -n 1; }

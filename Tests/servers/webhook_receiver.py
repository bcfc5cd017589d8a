#!/usr/bin/env python3
"""A recording webhook receiver for tests, on 127.0.0.1 (or --host, inside a test's own network namespace).

Writes its port to --port-file once it listens and appends one JSON line per
request to --record (method, path, headers, body, signature_ok). Each --secret
whsec_... is tried with the standardwebhooks package; signature_ok is true when
any of them verifies the request.

Scripted behaviour by path:
  /ok/...              200
  /status/NNN          that status
  /seq/500,500,200/x   the listed statuses in turn, per path (last one repeats);
                       "hang" in the list never answers that request (/seq/hang,503,200/x)
  /sleep/N/...         200 after N seconds (a slow endpoint)
  /retry-after/N       429 with Retry-After: N the first time per path, then 200
  /redirect            302 to /ok
  /hang                never answers (sleeps 600 s in its own thread)
  /huge                200 with a 20 MB body
  /gone                410
"""

import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook


class State:
    def __init__(self, record_path, secrets, body_dir=""):
        self.record_path = record_path
        self.body_dir = body_dir
        self.bodies = 0
        self.webhooks = [Webhook(secret) for secret in secrets]
        self.counters = {}
        self.lock = threading.Lock()

    def next_index(self, path):
        with self.lock:
            index = self.counters.get(path, 0)
            self.counters[path] = index + 1
            return index

    def verify(self, body, headers):
        if not self.webhooks:
            return None
        wanted = {
            "webhook-id": headers.get("webhook-id", ""),
            "webhook-timestamp": headers.get("webhook-timestamp", ""),
            "webhook-signature": headers.get("webhook-signature", ""),
        }
        for webhook in self.webhooks:
            try:
                webhook.verify(body, wanted, json_parse=False)  # CAP bodies are XML
                return True
            except Exception:
                continue
        return False

    def record(self, entry):
        if not self.record_path:
            return
        with self.lock, open(self.record_path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")
            if self.body_dir:
                self.bodies += 1
                kind = "xml" if "xml" in entry["headers"].get("content-type", "") else "json"
                name = "%06d%s.%s" % (self.bodies, entry["path"].replace("/", "_"), kind)
                with open(os.path.join(self.body_dir, name), "w", encoding="utf-8") as body:
                    body.write(entry["body"])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, format, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.state.record({
            "method": "POST",
            "path": self.path,
            "headers": headers,
            "body": body.decode("utf-8", "replace"),
            "signature_ok": self.state.verify(body, headers),
            "received_at": time.time(),
        })
        self.respond()

    def do_GET(self):
        self.respond()

    def send_plain(self, status, text=b"", extra=()):
        self.send_response(status)
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text)

    def respond(self):
        path = self.path.split("?", 1)[0]
        parts = [part for part in path.split("/") if part]
        head = parts[0] if parts else ""
        if head == "ok":
            self.send_plain(200, b"ok")
        elif head == "status" and len(parts) > 1 and parts[1].isdigit():
            self.send_plain(int(parts[1]), b"scripted status")
        elif head == "seq" and len(parts) > 1:
            statuses = [code for code in parts[1].split(",") if code.isdigit() or code == "hang"] or ["200"]
            index = self.state.next_index(path)
            status = statuses[min(index, len(statuses) - 1)]
            if status == "hang":
                time.sleep(600)
            else:
                self.send_plain(int(status), b"sequence")
        elif head == "sleep" and len(parts) > 1:
            time.sleep(float(parts[1]))
            self.send_plain(200, b"ok, slowly")
        elif head == "retry-after" and len(parts) > 1:
            if self.state.next_index(path) == 0:
                self.send_plain(429, b"slow down", [("Retry-After", parts[1])])
            else:
                self.send_plain(200, b"ok")
        elif head == "redirect":
            self.send_plain(302, b"moved", [("Location", "/ok/redirected")])
        elif head == "hang":
            time.sleep(600)
        elif head == "huge":
            size = 20 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif head == "gone":
            self.send_plain(410, b"gone")
        else:
            self.send_plain(404, b"no such script")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--record", default="")
    parser.add_argument("--secret", action="append", default=[])
    parser.add_argument("--body-dir", default="", help="also write each request body to a file here")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (tests' namespaces only)")
    args = parser.parse_args()

    Handler.state = State(args.record, args.secret, args.body_dir)
    server = Server((args.host, 0), Handler)
    port = server.server_address[1]
    temporary = args.port_file + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(str(port))
    os.replace(temporary, args.port_file)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
    sys.exit(0)

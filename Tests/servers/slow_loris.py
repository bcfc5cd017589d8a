"""A slow-loris client: opens a connection and trickles a request one byte at a time.

Usage: slow_loris.py HOST PORT INTERVAL_SECONDS GIVE_UP_SECONDS [head|body]
  head: trickles the request head (the default);
  body: sends a POST head at once, then trickles its 2,000-byte body.
Prints JSON {"closed": bool, "seconds": float, "bytes_sent": int, "answer": str}: whether the server
answered or closed the connection before the client gave up, after how long, and the first line
of any answer.
"""

import json
import socket
import sys
import time


def main() -> int:
    host, port, interval, give_up = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    mode = sys.argv[5] if len(sys.argv) > 5 else "head"
    if mode == "body":
        prefix = (b"POST /slow-body HTTP/1.1\r\nHost: " + host.encode() + b"\r\nContent-Length: 2000\r\n"
                  b"Content-Type: application/x-www-form-urlencoded\r\n\r\n")
        trickle = b"a" * 2000
    else:
        prefix = b""
        trickle = b"GET /healthz HTTP/1.1\r\nHost: " + host.encode() + b"\r\nX-Padding: " + b"a" * 4096 + b"\r\n\r\n"
    start = time.monotonic()
    sent = 0
    closed = False
    answer = b""
    with socket.create_connection((host, port), timeout=5) as connection:
        connection.sendall(prefix)
        connection.settimeout(interval)
        while time.monotonic() - start < give_up and sent < len(trickle) - 4:
            try:
                connection.sendall(trickle[sent : sent + 1])
                sent += 1
            except OSError:
                closed = True
                break
            try:
                data = connection.recv(1024)
                if not data:
                    closed = True
                    break
                answer += data
                closed = True
                break
            except socket.timeout:
                pass
            except OSError:
                closed = True
                break
    first_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    json.dump({"closed": closed, "seconds": round(time.monotonic() - start, 2), "bytes_sent": sent,
               "answer": first_line}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A slow-loris client: opens a connection and trickles the request head one byte at a time.

Usage: slow_loris.py HOST PORT INTERVAL_SECONDS GIVE_UP_SECONDS
Prints JSON {"closed": bool, "seconds": float, "bytes_sent": int}: whether the server closed the
connection before the client gave up, and after how long.
"""

import json
import socket
import sys
import time


def main() -> int:
    host, port, interval, give_up = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    head = b"GET /healthz HTTP/1.1\r\nHost: " + host.encode() + b"\r\n" + b"X-Padding: " + b"a" * 4096 + b"\r\n\r\n"
    start = time.monotonic()
    sent = 0
    closed = False
    with socket.create_connection((host, port), timeout=5) as connection:
        connection.settimeout(interval)
        while time.monotonic() - start < give_up and sent < len(head) - 4:
            try:
                connection.sendall(head[sent : sent + 1])
                sent += 1
            except OSError:
                closed = True
                break
            try:
                data = connection.recv(1024)
                if not data:
                    closed = True
                    break
            except socket.timeout:
                pass
            except OSError:
                closed = True
                break
    json.dump({"closed": closed, "seconds": round(time.monotonic() - start, 2), "bytes_sent": sent}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

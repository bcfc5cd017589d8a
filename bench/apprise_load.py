#!/usr/bin/env python3
"""Sends the side-by-side benchmark load through Apprise's Python API.

usage: apprise_load.py webhook|email --port PORT --count N [--timeout SECONDS]

webhook: N `json://127.0.0.1:PORT/hook/<i>` services, one per notification, as Crier's
         benchmark posts to N distinct paths of one endpoint.
email:   N recipients spread over SESSIONS `mailto://` services (default 16, Crier's SMTP
         connection limit in the benchmark) to the SMTP sink on loopback without TLS
         (mode=insecure). Apprise sends one email per recipient of a service over that service's
         single SMTP session; one service per recipient would open a session per email and runs
         an order of magnitude slower here, so this is Apprise at its best.

All services are added to one Apprise object first (URL parsing is outside the timed part, as
Crier's enqueueing is), then one `async_notify` call sends to all of them: Apprise runs every
service's blocking send on its shared worker thread pool and awaits them together, which is the
concurrency Apprise itself offers. Prints the rate of that call and exits 1 unless every service
reported success.
"""

import argparse
import asyncio
import sys
import time

import apprise

HEADLINE = "Courier fraud warning"
ADVICE = (
    "Fraudsters are phoning residents pretending to be police officers or bank staff and sending a\n"
    "courier to collect cards and cash. Your bank and the police will never do this. Hang up, wait\n"
    "five minutes, and call 101 from another phone.\n"
)


def service_urls(load: str, port: int, count: int, sessions: int) -> list[str]:
    """The Apprise URLs that together carry the load: one per webhook, one per SMTP session."""
    if load == "webhook":
        return [f"json://127.0.0.1:{port}/hook/{index}" for index in range(count)]
    urls = []
    for session in range(min(sessions, count)):
        recipients = ",".join(f"resident-{index}@example.org" for index in range(session, count, sessions))
        urls.append(
            f"mailto://127.0.0.1:{port}?mode=insecure&smtp=127.0.0.1"
            f"&from=alerts@example.org&name=Safer%20Leicester%20Partnership&to={recipients}"
        )
    return urls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("load", choices=["webhook", "email"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--sessions", type=int, default=16, help="SMTP sessions (email services) in parallel")
    parser.add_argument("--timeout", type=float, default=600, help="limit for the whole send, seconds")
    args = parser.parse_args()

    notifier = apprise.Apprise()
    if args.count < 1 or args.sessions < 1:
        print("apprise_load: --count and --sessions must be at least 1", file=sys.stderr)
        return 2
    urls = service_urls(args.load, args.port, args.count, args.sessions)
    for url in urls:
        if not notifier.add(url):
            print(f"apprise_load: Apprise refused the URL {url[:120]}", file=sys.stderr)
            return 1
    if len(notifier) != len(urls):
        print(f"apprise_load: {len(notifier)} services loaded, expected {len(urls)}", file=sys.stderr)
        return 1

    start = time.monotonic()
    result = asyncio.run(
        notifier.async_notify(
            title=HEADLINE, body=ADVICE, body_format=apprise.NotifyFormat.TEXT, timeout=args.timeout
        )
    )
    elapsed = time.monotonic() - start

    services = list(result)
    succeeded = sum(1 for service in services if bool(service))
    if succeeded != len(urls) or not result:
        print(
            f"apprise_load: {len(urls) - succeeded} of {len(urls)} Apprise {args.load} services failed "
            f"(status {getattr(result, 'status', result)})",
            file=sys.stderr,
        )
        failures = [service for service in services if not bool(service)]
        for entry in list(failures[0].logs())[:5] if failures else []:
            print(f"apprise_load: first failure: {entry.level} {entry.message}", file=sys.stderr)
        return 1
    print(
        f"apprise {args.load}: {args.count} sent through {len(urls)} services in {elapsed:.2f} s "
        f"= {args.count / elapsed:.0f}/s (apprise {apprise.__version__})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

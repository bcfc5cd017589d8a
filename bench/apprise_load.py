#!/usr/bin/env python3
"""Sends the side-by-side benchmark load through Apprise's Python API.

usage: apprise_load.py webhook --port PORT --count N [--timeout SECONDS]
       apprise_load.py email --port PORT --count N [--shared-text --sessions K] [--timeout SECONDS]

webhook: N `json://127.0.0.1:PORT/hook/<i>` services in one Apprise object, one per
         notification (Crier's benchmark posts to N distinct paths of one endpoint), sent by one
         `async_notify` call with the same body for all, as Crier's benchmark sends.
email:   the same load as Crier's: one personalised email per resident ("Dear Resident <i>", their
         own unsubscribe link), so one Apprise object with one `mailto://` service per resident
         (to the SMTP sink on loopback, mode=insecure: no TLS), each notified with its own body,
         all `async_notify` calls awaited together.
         --shared-text: not the same load but Apprise at its fastest: one text for everyone, the
         residents spread over K `mailto://` services (default 16, Crier's SMTP connection limit
         in the benchmark), each of which sends its recipients one email each over one session.

Concurrency is what Apprise itself offers: `async_notify` runs each service's blocking send on
Apprise's shared worker thread pool and awaits them together; personalised emails keep at most
--in-flight (16) notify calls going, more than that pool's workers. Apprise's per-service watchdog
(60 s by default, counted from the call, queueing included) is set to --timeout so a long queue
is not reported as failed. Building the Apprise objects (URL parsing) is outside the timed part,
as Crier's enqueueing is. Prints the rate of the sending and exits 1 unless every service
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


def mailto(port: int, recipients: str) -> str:
    """An Apprise email URL for the SMTP sink on loopback, plain SMTP, no login."""
    return (
        f"mailto://127.0.0.1:{port}?mode=insecure&smtp=127.0.0.1"
        f"&from=alerts@example.org&name=Safer%20Leicester%20Partnership&to={recipients}"
    )


def build(args: argparse.Namespace) -> list[tuple[apprise.Apprise, str]]:
    """The Apprise objects that carry the load, each with the body it is notified with."""
    asset = apprise.AppriseAsset(service_timeout=args.timeout)
    if args.load == "webhook":
        notifier = apprise.Apprise(asset=asset)
        notifier.add([f"json://127.0.0.1:{args.port}/hook/{index}" for index in range(args.count)])
        return [(notifier, ADVICE)]
    if args.shared_text:
        notifier = apprise.Apprise(asset=asset)
        sessions = min(args.sessions, args.count)
        for session in range(sessions):
            notifier.add(
                mailto(args.port, ",".join(f"resident-{i}@example.org" for i in range(session, args.count, sessions)))
            )
        return [(notifier, ADVICE)]
    loads = []
    for index in range(args.count):
        notifier = apprise.Apprise(asset=asset)
        notifier.add(mailto(args.port, f"resident-{index}@example.org"))
        body = f"Dear Resident {index},\n\n{ADVICE}\nUnsubscribe: https://example.org/unsubscribe/token{index}\n"
        loads.append((notifier, body))
    return loads


async def send(
    loads: list[tuple[apprise.Apprise, str]], timeout: float, in_flight: int
) -> list[apprise.AppriseResult]:
    """Notifies every Apprise object with its body, at most `in_flight` calls at a time."""
    gate = asyncio.Semaphore(in_flight)

    async def notify(notifier: apprise.Apprise, body: str) -> apprise.AppriseResult:
        async with gate:
            return await notifier.async_notify(
                title=HEADLINE, body=body, body_format=apprise.NotifyFormat.TEXT, timeout=timeout
            )

    return await asyncio.gather(*(notify(notifier, body) for notifier, body in loads))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("load", choices=["webhook", "email"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--shared-text", action="store_true", help="email: one text for all, over --sessions")
    parser.add_argument("--sessions", type=int, default=16, help="email with --shared-text: SMTP sessions")
    parser.add_argument("--in-flight", type=int, default=16, help="email: personalised notify calls at once")
    parser.add_argument("--timeout", type=float, default=600, help="limit for each notify call, seconds")
    args = parser.parse_args()
    if min(args.count, args.sessions, args.in_flight) < 1:
        print("apprise_load: --count, --sessions and --in-flight must be at least 1", file=sys.stderr)
        return 2

    loads = build(args)
    expected = args.count if args.load == "webhook" or not args.shared_text else min(args.sessions, args.count)
    loaded = sum(len(notifier) for notifier, _ in loads)
    if loaded != expected:
        print(f"apprise_load: Apprise accepted {loaded} of {expected} service URLs", file=sys.stderr)
        return 1

    start = time.monotonic()
    results = asyncio.run(send(loads, args.timeout, args.in_flight))
    elapsed = time.monotonic() - start

    services = [service for result in results for service in result]
    failures = [service for service in services if not bool(service)]
    if failures or len(services) != expected or not all(results):
        print(
            f"apprise_load: {len(failures)} of {expected} Apprise {args.load} services failed "
            f"({len(services)} reported)",
            file=sys.stderr,
        )
        for entry in list(failures[0].logs())[:5] if failures else []:
            print(f"apprise_load: first failure: {entry.level} {entry.message}", file=sys.stderr)
        return 1
    print(
        f"apprise {args.load}: {args.count} sent through {expected} services in {elapsed:.2f} s "
        f"= {args.count / elapsed:.0f}/s (apprise {apprise.__version__})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

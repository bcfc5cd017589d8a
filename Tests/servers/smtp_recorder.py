#!/usr/bin/env python3
"""A recording SMTP server for tests, on 127.0.0.1 (or --host, inside a test's own network namespace).

Writes its port to --port-file once it listens and appends one JSON line per
accepted message to --record (mail_from, rcpt_tos, data).

Scripted faults, chosen by the recipient's local part:
  tempfail-once+...@  answers 451 the first time for that address, then 250
  reject+...@         answers 550
--auth USER:PASS accepts AUTH PLAIN/LOGIN without TLS; --sink only counts.
--events FILE (default: the record file + .events) gets "connect" for every connection, "auth" for every AUTH.
"""

import argparse
import asyncio
import json
import os
import signal
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, syntax


class Recorder:
    def __init__(self, record_path, sink, eml_dir=""):
        self.record_path = record_path
        self.eml_dir = eml_dir
        self.sink = sink
        self.count = 0
        self.tempfailed = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject+"):
            return "550 5.1.1 Mailbox refused by test script"
        if local.startswith("tempfail-once+"):
            key = address.lower()
            if key not in self.tempfailed:
                self.tempfailed.add(key)
                return "451 4.3.0 Temporary failure by test script"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            number = self.count
        if not self.sink and self.record_path:
            content = envelope.original_content or envelope.content or b""
            if isinstance(content, str):
                content = content.encode("utf-8", "surrogateescape")
            line = json.dumps({
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "data": content.decode("utf-8", "replace"),
            })
            with self.lock, open(self.record_path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
            if self.eml_dir:
                name = "%06d-%s.eml" % (number, envelope.rcpt_tos[0].replace("/", "_") if envelope.rcpt_tos else "unknown")
                with open(os.path.join(self.eml_dir, name), "wb") as handle:
                    handle.write(content)
        elif self.sink and self.record_path:
            with self.lock, open(self.record_path + ".count", "w", encoding="utf-8") as handle:
                handle.write(str(number))
        return "250 2.0.0 Ok: queued as test%06d" % number


class EventLog:
    def __init__(self, path):
        self.path = path

    def note(self, event):
        if self.path:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(event + "\n")


class RecordingSMTP(SMTP):
    events = EventLog("")

    def connection_made(self, transport):
        self.events.note("connect")
        super().connection_made(transport)

    @syntax("AUTH <mechanism>")
    async def smtp_AUTH(self, arg):
        self.events.note("auth")
        return await super().smtp_AUTH(arg)


def make_authenticator(credentials):
    user, _, password = credentials.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)
        return AuthResult(success=False, handled=False)

    return authenticator


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--record", default="")
    parser.add_argument("--auth", default="")
    parser.add_argument("--sink", action="store_true")
    parser.add_argument("--eml-dir", default="", help="also write each message as an .eml file here")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (tests' namespaces only)")
    parser.add_argument("--events", default="", help="append connect/auth events here (default: RECORD.events)")
    args = parser.parse_args()
    RecordingSMTP.events = EventLog(args.events or (args.record + ".events" if args.record else ""))

    handler = Recorder(args.record, args.sink, args.eml_dir)
    options = {}
    if args.auth:
        options = dict(
            authenticator=make_authenticator(args.auth),
            auth_require_tls=False,
            auth_required=True,
        )

    def factory():
        return RecordingSMTP(handler, hostname="crier-test-smtp", ident="crier test SMTP", **options)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host=args.host, port=0)
    port = server.sockets[0].getsockname()[1]
    temporary = args.port_file + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(str(port))
    os.replace(temporary, args.port_file)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)

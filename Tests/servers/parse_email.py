#!/usr/bin/env python3
"""Parses one RFC 5322 message from stdin with email.policy.default and prints what tests check, as JSON."""

import email
import json
import sys
from email import policy


def main():
    raw = sys.stdin.buffer.read()
    message = email.message_from_bytes(raw, policy=policy.default)
    parts = []
    if message.is_multipart():
        for part in message.iter_parts():
            parts.append({"content_type": part.get_content_type(), "content": part.get_content()})
    defects = [type(defect).__name__ for defect in message.defects]
    for part in message.walk():
        defects += [type(defect).__name__ for defect in part.defects]
    longest = max((len(line) for line in raw.split(b"\r\n")), default=0)
    bare_lf = raw.replace(b"\r\n", b"").count(b"\n")
    print(json.dumps({
        "subject": str(message["Subject"] or ""),
        "from": str(message["From"] or ""),
        "to": str(message["To"] or ""),
        "to_display_name": message["To"].addresses[0].display_name if message["To"] else "",
        "to_address": message["To"].addresses[0].addr_spec if message["To"] else "",
        "message_id": str(message["Message-ID"] or ""),
        "in_reply_to": str(message["In-Reply-To"] or ""),
        "references": str(message["References"] or ""),
        "date": str(message["Date"] or ""),
        "list_unsubscribe": str(message["List-Unsubscribe"] or ""),
        "list_unsubscribe_post": str(message["List-Unsubscribe-Post"] or ""),
        "content_type": message.get_content_type(),
        "parts": parts,
        "defects": defects,
        "longest_line": longest,
        "bare_lf": bare_lf,
    }))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Drives Debian's headless Chromium through one form, as a resident on a phone would.

Opens --url in a 390 px wide mobile viewport, records the page (DOM, computed body font size,
whether anything is wider than the viewport), then sets the form's fields as given by --set
(ID=VALUE for a select, ID=on/off for a checkbox), presses the first submit button of the first
form, waits for the answer page and records it the same way. Prints one JSON object:
{"before": {...}, "after": {...}}.

The page itself runs no script: the test drives it over the DevTools protocol, spoken on the pipe
Chromium opens with --remote-debugging-pipe (file descriptors 3 and 4, NUL-terminated JSON), so
nothing but the standard library is needed.
"""

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time

RECORD = """(() => {
  const root = document.documentElement;
  let widest = 0;
  for (const element of document.querySelectorAll('*')) {
    widest = Math.max(widest, element.getBoundingClientRect().right);
  }
  return JSON.stringify({
    url: location.href,
    lang: root.lang,
    html: root.outerHTML,
    innerWidth: window.innerWidth,
    scrollWidth: root.scrollWidth,
    widestRight: widest,
    bodyFontSize: getComputedStyle(document.body).fontSize,
    unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter(control => control.labels.length === 0).map(control => control.outerHTML),
  });
})()"""


class DevTools:
    def __init__(self, chromium, deadline):
        self.deadline = deadline
        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()
        self.profile = tempfile.TemporaryDirectory(prefix="crier-browse-")
        flags = [
            "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
            "--disable-dev-shm-usage", "--disable-extensions", "--remote-debugging-pipe",
            "--user-data-dir=" + os.path.join(self.profile.name, "profile"),
        ]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium will not start its sandbox as root.

        def wire():
            # Move both ends out of the way first: either may already be 3 or 4.
            high_read = os.dup(commands_read)
            high_write = os.dup(answers_write)
            os.dup2(high_read, 3, inheritable=True)
            os.dup2(high_write, 4, inheritable=True)

        self.process = subprocess.Popen(
            [chromium] + flags + ["about:blank"], preexec_fn=wire, close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(answers_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        self.process.kill()
        self.process.wait()
        self.profile.cleanup()

    def _message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self.answers], [], [], left)
            if ready:
                chunk = os.read(self.answers, 65536)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        request = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self.commands, json.dumps(request).encode() + b"\0")
        while True:
            message = self._message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, session):
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[index]
                    return event
            self.events.append(self._message())

    def evaluate(self, expression, session):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--set", action="append", default=[], help="ID=VALUE, or ID=on|off for a checkbox")
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--timeout", type=float, default=60)
    options = parser.parse_args()

    browser = DevTools(options.chromium, time.monotonic() + options.timeout)
    try:
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Emulation.setDeviceMetricsOverride", {
            "width": options.width, "height": 844, "deviceScaleFactor": 1, "mobile": True}, session)
        browser.call("Page.navigate", {"url": options.url}, session)
        browser.wait_for("Page.loadEventFired", session)
        before = json.loads(browser.evaluate(RECORD, session))

        steps = []
        for assignment in options.set:
            name, value = assignment.split("=", 1)
            if value in ("on", "off"):
                steps.append(f"document.getElementById({json.dumps(name)}).checked = {str(value == 'on').lower()};")
            else:
                steps.append(f"document.getElementById({json.dumps(name)}).value = {json.dumps(value)};")
        steps.append("document.querySelector('form button[type=submit]').click(); 'submitted'")
        browser.evaluate("\n".join(steps), session)
        browser.wait_for("Page.loadEventFired", session)
        after = json.loads(browser.evaluate(RECORD, session))
        json.dump({"before": before, "after": after}, sys.stdout)
    finally:
        browser.close()


if __name__ == "__main__":
    main()

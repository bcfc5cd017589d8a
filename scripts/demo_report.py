"""The demo's closing report: what Crier delivered, per area and channel, checked against what
the local receivers really got. Exits 1 if anything failed.

usage: demo_report.py DEMO_DIR ALERT_ID SECONDS
"""
import email
import email.policy
import glob
import json
import os
import sqlite3
import subprocess
import sys

demo, alert_id, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(os.path.join(demo, "var", "crier.sqlite"))
problems = []

rows = db.execute("""
    SELECT COALESCE(s.area, 'partners') AS area, d.channel, d.state, COUNT(*), SUM(MAX(d.attempts - 1, 0))
    FROM deliveries d LEFT JOIN subscribers s ON s.id = d.subscriber_id
    GROUP BY 1, 2, 3""").fetchall()
table = {}
for area, channel, state, count, retries in rows:
    entry = table.setdefault((area, channel), {"delivered": 0, "retries": 0, "dead": 0, "other": 0})
    if state in ("delivered", "dead"):
        entry[state] += count
    else:
        entry["other"] += count
    entry["retries"] += retries or 0

print("Crier demo report")
print("=================")
print(f"{'area':<10} {'channel':<8} {'delivered':>10} {'retries':>8} {'dead':>6} {'withdrawn/other':>16}")
totals = {"delivered": 0, "retries": 0, "dead": 0, "other": 0}
for (area, channel), entry in sorted(table.items()):
    print(f"{area:<10} {channel:<8} {entry['delivered']:>10} {entry['retries']:>8} {entry['dead']:>6} {entry['other']:>16}")
    for key in totals:
        totals[key] += entry[key]
print(f"{'total':<10} {'':<8} {totals['delivered']:>10} {totals['retries']:>8} {totals['dead']:>6} {totals['other']:>16}")
if totals["dead"]:
    problems.append(f"{totals['dead']} dead letters")
pending = db.execute("SELECT COUNT(*) FROM deliveries WHERE state IN ('pending', 'leased')").fetchone()[0]
if pending:
    problems.append(f"{pending} deliveries still pending")

print()
messages = db.execute("SELECT kind, template, areas, state FROM messages ORDER BY created_at").fetchall()
print(f"messages composed: {len(messages)}")
by_template = {}
for kind, template, areas, state in messages:
    by_template.setdefault((kind, template), []).append(",".join(json.loads(areas)))
for (kind, template), areas in sorted(by_template.items()):
    print(f"  {kind:<7} {template:<24} x{len(areas):<3} areas: {'; '.join(sorted(set(areas)))}")
bulletin_areas = {a for (kind, template), areas in by_template.items() if template == "area-bulletin" for a in areas}
for npa in ("west", "central", "south", "east"):
    if npa not in bulletin_areas:
        problems.append(f"no weekly bulletin for {npa}")
slots = db.execute("SELECT outcome, COUNT(*) FROM slots GROUP BY outcome").fetchall()
print("schedule slots: " + ", ".join(f"{outcome} {count}" for outcome, count in slots))

alert = db.execute("SELECT state FROM messages WHERE id = ?", (alert_id,)).fetchone()
cancels = db.execute("SELECT id FROM messages WHERE kind = 'cancel' AND \"references\" = ?", (alert_id,)).fetchall()
audit = [row[0] for row in db.execute("SELECT action FROM audit_log WHERE subject LIKE ? ORDER BY id", (f"%{alert_id}%",))]
print(f"urgent alert {alert_id}: state {alert[0] if alert else 'missing'}; audit: {', '.join(audit)}")
if not cancels:
    problems.append("the urgent alert was not cancelled")
else:
    notices = db.execute("SELECT COUNT(*) FROM deliveries WHERE message_id = ? AND state = 'delivered'", (cancels[0][0],)).fetchone()[0]
    print(f"cancellation notices delivered: {notices}")
    if notices == 0:
        problems.append("no cancellation notice was delivered")

print()
hooks = [json.loads(line) for line in open(os.path.join(demo, "webhooks.jsonl"))] if os.path.exists(os.path.join(demo, "webhooks.jsonl")) else []
signed_ok = sum(1 for hook in hooks if hook.get("signature_ok") is True)
print(f"webhooks received: {len(hooks)}; Standard Webhooks signatures verified by the standardwebhooks package: {signed_ok}/{len(hooks)}")
if signed_ok != len(hooks):
    problems.append(f"{len(hooks) - signed_ok} webhook signatures failed")
delivered_hooks = db.execute("SELECT COUNT(*) FROM deliveries WHERE channel = 'webhook' AND state = 'delivered'").fetchone()[0]
if len({hook["headers"].get("webhook-id") for hook in hooks}) < delivered_hooks:
    problems.append("the webhook receiver saw fewer deliveries than Crier recorded")

emls = glob.glob(os.path.join(demo, "mail", "*.eml"))
defects = 0
for path in emls:
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    defects += len(message.defects)
delivered_mail = db.execute("SELECT COUNT(*) FROM deliveries WHERE channel = 'email' AND state = 'delivered'").fetchone()[0]
print(f"emails received: {len(emls)} (Crier recorded {delivered_mail} delivered); parsing defects: {defects}")
if len(emls) < delivered_mail:
    problems.append("the SMTP server saw fewer emails than Crier recorded")
if defects:
    problems.append(f"{defects} email parsing defects")

caps = glob.glob(os.path.join(demo, "public", "cap", "*.xml"))
schema = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "cap", "cap12.xsd")
if caps and os.path.exists(schema):
    result = subprocess.run(["xmllint", "--noout", "--schema", schema] + caps, capture_output=True, text=True)
    print(f"published CAP files: {len(caps)}; valid against cap12.xsd: {'yes' if result.returncode == 0 else 'NO'}")
    if result.returncode != 0:
        problems.append("a published CAP file is not valid CAP 1.2")
else:
    print(f"published CAP files: {len(caps)}")
if not caps:
    problems.append("nothing was published")

print()
print("where to look:")
print(f"  emails as received:   {demo}/mail/*.eml")
print(f"  webhook bodies:       {demo}/webhooks/")
print(f"  CAP, feeds and pages: {demo}/public/ (index.html, areas/*.html, feeds/*.atom, cap/*.xml)")
print(f"  the outbox:           {demo}/var/crier.sqlite  (crier status --config {demo}/crier.yml)")
print()
print(f"finished in {seconds} s")
if problems:
    print("DEMO FAILED: " + "; ".join(problems))
    sys.exit(1)
print("demo OK: everything delivered, every signature verified")

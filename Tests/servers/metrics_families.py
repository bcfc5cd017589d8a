"""Fetches a Prometheus /metrics page and parses it with prometheus_client's text-format parser.

Usage: metrics_families.py URL
Prints JSON: {"families": {name: type}, "samples": [{"name", "labels", "value"}]}. Exits 1 when the
page is not valid Prometheus text format (the parser raises).
"""

import json
import sys
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    with urllib.request.urlopen(sys.argv[1], timeout=30) as response:
        content_type = response.headers.get("Content-Type", "")
        text = response.read().decode("utf-8")
    families = {}
    samples = []
    for family in text_string_to_metric_families(text):
        families[family.name] = family.type
        for sample in family.samples:
            samples.append({"name": sample.name, "labels": dict(sample.labels), "value": sample.value})
    json.dump({"content_type": content_type, "families": families, "samples": samples}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Two runs of benchmarks/pages.py (``--json``) side by side, as a Markdown table.

.venv/bin/python benchmarks/compare.py before.json after.json
"""

import json
import sys


def main(before_file, after_file):
    before = {(r["page"], r["who"]): r for r in json.load(open(before_file))["rows"]}  # noqa: SIM115
    after = json.load(open(after_file))  # noqa: SIM115
    print(
        f"| page (scale {after['scale']}) | who | queries before | after | KB before | after "
        "| p95 ms before | after |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in after["rows"]:
        old = before.get((row["page"], row["who"]), {})
        print(
            f"| {row['page']} | {row['who']} | {old.get('queries', '')} | {row['queries']} | "
            f"{old.get('kb', '')} | {row['kb']} | {old.get('p95', '')} | {row.get('p95', '')} |"
        )


if __name__ == "__main__":
    main(*sys.argv[1:3])

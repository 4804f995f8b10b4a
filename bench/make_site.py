"""Write a synthetic but valid site of N case studies, for benchmarks.

Usage: python bench/make_site.py N [--out DIR]   (default DIR: /tmp/tkb-bench-N)

Toolkits: N // 20 (at least 2), each with a change package (3 primary drivers,
6 change ideas) and 4 measures (p, u, c and i charts). Every case study has 2
series of 24 to 52 points. Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

MARKER = ".tkb-bench-site"
SETTINGS = ("acute", "community", "primary-care", "mental-health")
CHARTS = (
    ("p", "proportion", "increase"),
    ("u", "rate", "decrease"),
    ("c", "count", "decrease"),
    ("i", "value", "increase"),
)


def _measure(measure_id: str, chart: str, scoring: str, direction: str) -> str:
    kind = {"p": "process", "u": "outcome", "c": "balancing", "i": "outcome"}[chart]
    ratio = "numerator: Events counted\ndenominator: Opportunities\n" if chart in ("p", "u") else ""
    multiplier = {
        "p": 'multiplier: 100\nunit: "%"\n',
        "u": "multiplier: 1000\nunit: per 1,000 bed days\n",
    }.get(chart, "")
    return (
        f"title: Synthetic measure {measure_id}\ntype: {kind}\ndefinition: A synthetic {scoring} measure.\n"
        f"scoring: {scoring}\n{ratio}{multiplier}direction: {direction}\nchart: {chart}\n"
        "data_source: Synthetic data\nfrequency: weekly\n"
    )


def _package(toolkit: int) -> str:
    drivers = "".join(
        f"  - id: p{d}\n    title: Primary driver {d}\n    secondary_drivers:\n"
        f"      - {{id: s{d}a, title: Secondary driver {d}a}}\n      - {{id: s{d}b, title: Secondary driver {d}b}}\n"
        for d in range(3)
    )
    ideas = "".join(
        f"  - id: idea-{i}\n    title: Change idea {i} of toolkit {toolkit}\n"
        f"    description: Test change {i} on one ward for one week, then adapt.\n"
        f"    drivers: [s{i % 3}{'ab'[i % 2]}]\n"
        for i in range(6)
    )
    return (
        f"title: Change package {toolkit}\naim:\n  statement: By March 2027, reduce harm by 30% in toolkit {toolkit}.\n"
        f"  by_when: 2027-03-31\nprimary_drivers:\n{drivers}change_ideas:\n{ideas}"
    )


def _toolkit(toolkit: int) -> str:
    measures = ", ".join(f"m{toolkit}-{chart}" for chart, _, _ in CHARTS)
    return (
        f"---\ntitle: Synthetic toolkit {toolkit}\nsummary: A synthetic toolkit for benchmarks.\n"
        f"change_package: t{toolkit}\nmeasures: [{measures}]\ntopics: [topic-{toolkit % 5}]\n"
        f"settings: [{SETTINGS[toolkit % 4]}]\nversion: 1.0.0\nlast_reviewed: 2026-06-01\n---\n"
        f"## The problem\n\nSynthetic body text for toolkit {toolkit}.\n"
    )


def _csv(rng: random.Random, chart: str, points: int) -> str:
    start = date(2024, 1, 1)
    shift = points // 2
    rows = [
        "period,numerator,denominator,exclude,note"
        if chart in ("p", "u")
        else "period,value,exclude,note"
    ]
    for index in range(points):
        period = (start + timedelta(weeks=index)).isoformat()
        after = index >= shift
        if chart == "p":
            den = rng.randint(10, 40)
            num = sum(rng.random() < (0.85 if after else 0.6) for _ in range(den))
            rows.append(f"{period},{num},{den},,")
        elif chart == "u":
            den = rng.randint(600, 900)
            rows.append(f"{period},{rng.randint(1, 4 if after else 7)},{den},,")
        elif chart == "c":
            rows.append(f"{period},{rng.randint(0, 4 if after else 8)},,")
        else:
            rows.append(f"{period},{rng.gauss(30 if after else 20, 4):.1f},,")
    return "\n".join(rows) + "\n"


def _case_study(case: int, toolkit: int, rng: random.Random) -> str:
    series = "".join(
        f"  - measure: m{toolkit}-{chart}\n    data: data/c{case}-{chart}.csv\n"
        for chart in (CHARTS[case % 4][0], CHARTS[(case + 1) % 4][0])
    )
    return (
        f"title: Synthetic case study {case}\norganisations: [org-{case % 25}]\n"
        f"settings: [{SETTINGS[case % 4]}]\ntoolkit: t{toolkit}\n"
        "period: {start: 2024-01-01, end: 2025-12-31}\n"
        f"aim: By December 2025, improve measure {case} by 20%.\ncontext: Synthetic context {case}.\n"
        f"changes_tested:\n  - change_idea: idea-{case % 6}\n    adaptation: Adapted locally.\n"
        f"pdsa_cycles:\n  - {{change_idea: idea-{case % 6}, cycle: 1, start: 2024-06-03, act: adopt}}\n"
        f"series:\n{series}results: Synthetic results {case}.\n"
        f"lessons:\n  - {{statement: Synthetic lesson {case}, category: data}}\n"
        f"contact: team{case}@example.org\n"
    )


def make_site(n: int, out: Path) -> None:
    """Write the synthetic site of n case studies into out (replacing an earlier one)."""
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SystemExit(f"refusing to write into {out}: not empty and not made by this script")
        shutil.rmtree(out)
    rng = random.Random(n)
    content = out / "content"
    for folder in ("toolkits", "change-packages", "measures", "case-studies", "data"):
        (content / folder).mkdir(parents=True)
    (out / MARKER).write_text("synthetic benchmark site\n")
    toolkits = max(2, n // 20)
    (out / "site.yaml").write_text(
        f"title: Synthetic site of {n}\nbase_url: https://example.org/bench/\n"
        "licence: {name: Open Government Licence v3.0}\n"
        f"settings: [{', '.join(SETTINGS)}]\n"
    )
    (content / "organisations.yaml").write_text(
        "".join(f"- {{id: org-{o}, name: Organisation {o}, type: Trust}}\n" for o in range(25))
    )
    (content / "topics.yaml").write_text(
        "".join(f"- {{id: topic-{t}, title: Topic {t}}}\n" for t in range(5))
    )
    for t in range(toolkits):
        (content / "toolkits" / f"t{t}.md").write_text(_toolkit(t))
        (content / "change-packages" / f"t{t}.yaml").write_text(_package(t))
        for chart, scoring, direction in CHARTS:
            (content / "measures" / f"m{t}-{chart}.yaml").write_text(
                _measure(f"m{t}-{chart}", chart, scoring, direction)
            )
    for case in range(n):
        toolkit = case % toolkits
        (content / "case-studies" / f"c{case}.yaml").write_text(_case_study(case, toolkit, rng))
        for chart in (CHARTS[case % 4][0], CHARTS[(case + 1) % 4][0]):
            (content / "data" / f"c{case}-{chart}.csv").write_text(
                _csv(rng, chart, rng.randint(24, 52))
            )


def main() -> int:
    """Parse arguments and write the site."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of case studies")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    make_site(args.n, args.out or Path(f"/tmp/tkb-bench-{args.n}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

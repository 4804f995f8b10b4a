"""The preview's memory of case studies: reused only for the same inputs, and the same
model and problems as a build without it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import FIXTURE_SITE
from toolkit_builder.content.itemcheck import ItemMemory, memoised_item_check
from toolkit_builder.content.load import ParseMemory, load_site, memoised_parser
from toolkit_builder.content.model import Site
from toolkit_builder.content.series import CaseMemories
from toolkit_builder.content.validate import validate_site


class Reviewer:
    """Validates a site as the preview does, keeping parses, checks and case studies."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parsed: ParseMemory = {}
        self.checked: ItemMemory = {}
        self.cases = CaseMemories()

    def build(self) -> tuple[Site, list[str]]:
        parsed: ParseMemory = {}
        checked: ItemMemory = {}
        cases = CaseMemories()
        files = load_site(self.root, memoised_parser(self.parsed, parsed))
        site, problems = validate_site(
            files,
            check=memoised_item_check(self.checked, checked),
            cases_before=self.cases,
            cases_now=cases,
        )
        self.parsed, self.checked, self.cases = parsed, checked, cases
        return site, [str(p) for p in problems]

    def fresh(self) -> tuple[Site, list[str]]:
        """Return what a build without any memory makes of the same files."""
        site, problems = validate_site(load_site(self.root))
        return site, [str(p) for p in problems]


def by_id(site: Site) -> dict[str, object]:
    return {case.id: case for case in site.case_studies}


def made(reviewer: Reviewer) -> dict[str, object]:
    """Return the case studies the last build made or kept (before their translations)."""
    return {stem: case for stem, (_, case, _) in reviewer.cases.cases.items()}


def site_copy(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    return root


def test_unchanged_case_studies_are_kept_and_changed_ones_made_again(tmp_path: Path) -> None:
    root = site_copy(tmp_path)
    reviewer = Reviewer(root)
    reviewer.build()
    first, advice = made(reviewer), dict(reviewer.cases.advice)
    again, problems = reviewer.build()
    assert (again, problems) == reviewer.fresh()
    kept = made(reviewer)
    assert kept.keys() == {"ward-3", "eastbay-falls"}
    assert all(case is first[stem] for stem, case in kept.items())
    assert reviewer.cases.advice.keys() == advice.keys()

    data = root / "content" / "data" / "ward3-falls.csv"
    data.write_text(data.read_text() + "2027-01-01,1,800,,\n")
    edited, problems = reviewer.build()
    assert (edited, problems) == reviewer.fresh()
    assert made(reviewer)["ward-3"] is not kept["ward-3"]
    assert made(reviewer)["eastbay-falls"] is kept["eastbay-falls"]
    rows = {s.measure: len(s.rows) for s in by_id(edited)["ward-3"].series}  # type: ignore[attr-defined]
    before = {s.measure: len(s.rows) for s in by_id(again)["ward-3"].series}  # type: ignore[attr-defined]
    assert rows["falls-rate"] == before["falls-rate"] + 1


def test_a_changed_measure_makes_its_case_studies_again(tmp_path: Path) -> None:
    root = site_copy(tmp_path)
    reviewer = Reviewer(root)
    reviewer.build()
    before = made(reviewer)
    measure = root / "content" / "measures" / "falls-rate.yaml"
    measure.write_text(measure.read_text().replace("chart: u", "chart: run"))
    after, problems = reviewer.build()
    assert (after, problems) == reviewer.fresh()
    assert made(reviewer)["ward-3"] is not before["ward-3"]
    charts = {s.measure: s.chart for s in by_id(after)["ward-3"].series}  # type: ignore[attr-defined]
    assert charts["falls-rate"] == "run"


def test_problems_are_reported_on_every_build_and_unknown_names_are_not_kept(
    tmp_path: Path,
) -> None:
    root = site_copy(tmp_path)
    case = root / "content" / "case-studies" / "ward-3.yaml"
    case.write_text(case.read_text().replace("measure: risk-assessed", "measure: risk-asessed"))
    reviewer = Reviewer(root)
    _, first = reviewer.build()
    _, again = reviewer.build()
    unknown = [p for p in first if "unknown measure 'risk-asessed'" in p]
    assert unknown and "did you mean 'risk-assessed'?" in unknown[0] and again == first
    assert "ward-3" not in reviewer.cases.cases  # its hint reads every measure: made each build
    assert (reviewer.build()) == reviewer.fresh()

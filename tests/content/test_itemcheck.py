"""Checking one item file, and the preview's memory of it: reused only for the same document."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from tests.support import FIXTURE_SITE
from toolkit_builder.content.itemcheck import (
    ItemMemory,
    check_item,
    memoised_item_check,
)
from toolkit_builder.content.load import ParseMemory, RawDoc, SiteFiles, load_site, memoised_parser
from toolkit_builder.content.validate import validate_site

TOOLKIT = PurePosixPath("content/toolkits/falls.md")
MEASURE = PurePosixPath("content/measures/falls-rate.yaml")


class Reviewer:
    """Loads and validates a site as the preview does, keeping its memories between builds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parsed: ParseMemory = {}
        self.checked: ItemMemory = {}

    def load(self) -> SiteFiles:
        parsed: ParseMemory = {}
        files = load_site(self.root, memoised_parser(self.parsed, parsed))
        self.parsed = parsed
        return files

    def validate(self, files: SiteFiles) -> tuple[object, list[str]]:
        checked: ItemMemory = {}
        site, problems = validate_site(files, check=memoised_item_check(self.checked, checked))
        self.checked = checked
        return site, [str(p) for p in problems]


def doc(files: SiteFiles, path: PurePosixPath) -> RawDoc:
    return next(d for d in files.docs if d.path == path)


def test_the_same_document_gives_the_same_result_and_a_changed_one_is_checked_again(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    parsed: ParseMemory = {}
    first = load_site(root, memoised_parser({}, parsed))
    memory: ItemMemory = {}
    check = memoised_item_check({}, memory)
    before = {path: check(doc(first, path)) for path in (TOOLKIT, MEASURE)}

    again: ParseMemory = {}
    second = load_site(root, memoised_parser(parsed, again))  # nothing changed
    kept: ItemMemory = {}
    check = memoised_item_check(memory, kept)
    assert check(doc(second, TOOLKIT)) is before[TOOLKIT]
    assert check(doc(second, MEASURE)) is before[MEASURE]

    measure = root / MEASURE
    measure.write_text(measure.read_text().replace("title:", "title: Reduce", 1))
    third = load_site(root, memoised_parser(again, {}))
    result = memoised_item_check(kept, {})(doc(third, MEASURE))
    assert result is not before[MEASURE]
    assert result == check_item(doc(third, MEASURE))
    assert any("measure title contains 'reduce'" in p.message for p in result.problems)
    assert not any("reduce" in p.message for p in before[MEASURE].problems)


def test_equal_data_parsed_again_is_not_taken_for_the_same_document() -> None:
    files = load_site(FIXTURE_SITE)
    memory: ItemMemory = {}
    first = memoised_item_check({}, memory)(doc(files, MEASURE))
    reparsed = doc(load_site(FIXTURE_SITE), MEASURE)  # equal, but not the same objects
    again = memoised_item_check(memory, {})(reparsed)
    assert again is not first
    assert again == first


def test_a_changed_markdown_body_is_checked_again() -> None:
    files = load_site(FIXTURE_SITE)
    toolkit = doc(files, TOOLKIT)
    memory: ItemMemory = {}
    first = memoised_item_check({}, memory)(toolkit)
    edited = RawDoc(
        toolkit.kind,
        toolkit.path,
        toolkit.stem,
        toolkit.lang,
        toolkit.data,
        toolkit.marks,
        toolkit.body + "\nA new paragraph.\n",
        toolkit.body_line,
    )
    again = memoised_item_check(memory, {})(edited)
    assert again is not first
    assert "A new paragraph." in again.item.body
    assert "A new paragraph." not in first.item.body


def test_a_site_validated_with_the_memory_matches_one_validated_afresh(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    reviewer = Reviewer(root)
    measure = root / MEASURE
    original = measure.read_text()
    edits = [
        original,
        original,  # nothing changed
        original.replace("title:", "title: Improve", 1),  # a warning appears
        original.replace("scoring:", "scoring: nonsense\nold_scoring:", 1),  # an error
        original,  # and both go
    ]
    for text in edits:
        measure.write_text(text)
        site, problems = reviewer.validate(reviewer.load())
        fresh_site, fresh = validate_site(load_site(root))
        assert site == fresh_site
        assert problems == [str(p) for p in fresh]
    assert reviewer.checked[MEASURE][0].path == MEASURE

"""`new` and `init` write files that build, never overwrite, and refuse bad ids or folders."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest

from tests.support import FIXTURE_SITE, REPO, run_cli
from toolkit_builder.authoring.scaffold import create_files, new_skeleton, pick_refs
from toolkit_builder.authoring.skeletons import NEW_KINDS, item_path
from toolkit_builder.content.load import load_site
from toolkit_builder.content.validate import validate_site
from toolkit_builder.errors import UsageError

KINDS = list(NEW_KINDS)
EPOCH = "1780000000"  # 2026-05-28


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """New files carry the date of SOURCE_DATE_EPOCH, so tests do not depend on the clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _example_copy(tmp_path: Path) -> Path:
    site = tmp_path / "example"
    site.mkdir()
    shutil.copyfile(REPO / "site.yaml", site / "site.yaml")
    shutil.copytree(REPO / "content", site / "content")
    return site


def _preview_errors(site: Path) -> list[str]:
    """Return the errors the preview (which shows drafts, so checks them fully) reports."""
    _, problems = validate_site(load_site(site), include_drafts=True)
    return [str(p) for p in problems if p.is_error]


def _preview_ids(site: Path) -> set[str]:
    found, _ = validate_site(load_site(site), include_drafts=True)
    items = (*found.toolkits, *found.change_packages, *found.measures, *found.case_studies)
    return {i.id for i in (*items, *found.events, *found.pages)}


@pytest.mark.parametrize("kind", KINDS)
def test_each_new_kind_checks_in_the_example_site(kind: str, tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    result = run_cli("new", kind, "brand-new", str(site))
    assert result.code == 0, result.err
    assert (site / item_path(kind, "brand-new")).is_file()
    assert "fill in:" not in result.err, "the example site has every id a skeleton needs"
    assert run_cli("check", str(site), "--quiet").code == 0
    assert _preview_errors(site) == []
    assert "brand-new" in _preview_ids(site)


def test_every_new_kind_builds_in_the_example_site(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    for kind in KINDS:
        assert run_cli("new", kind, f"new-{kind}", str(site)).code == 0
    case_data = sorted((site / "content" / "data").glob("new-case-study-*.csv"))
    assert len(case_data) == 1, "a case study comes with its data file"
    result = run_cli("build", str(site), "--quiet", "--no-cache", "--jobs", "1")
    assert result.code == 0, result.err
    assert not (site / "output" / "case-studies" / "new-case-study").exists(), "drafts"
    assert _preview_errors(site) == []
    assert {f"new-{kind}" for kind in KINDS} <= _preview_ids(site)
    assert not (REPO / "content" / "toolkits" / "new-toolkit.md").exists()


def test_init_then_build_and_new_in_the_started_site(tmp_path: Path) -> None:
    site = tmp_path / "programme"
    result = run_cli("init", str(site))
    assert result.code == 0, result.err
    assert "toolkit-builder build" in result.out
    for name in ("site.yaml", "README.md", ".gitignore", "content/pages/accessibility.md"):
        assert (site / name).is_file(), name
    assert "output/" in (site / ".gitignore").read_text()
    built = run_cli("build", str(site), "--no-cache", "--jobs", "1")
    assert built.code == 0, built.err
    for page in ("toolkits/first-toolkit", "case-studies/first-case-study", "about"):
        assert (site / "output" / page / "index.html").is_file(), page
    assert "accessibility" in (site / "output" / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        made = run_cli("new", kind, f"second-{kind}", str(site))
        assert made.code == 0, made.err
        assert "fill in:" not in made.err
    assert run_cli("build", str(site), "--quiet", "--no-cache", "--jobs", "1").code == 0
    assert _preview_errors(site) == []
    assert {f"second-{kind}" for kind in KINDS} <= _preview_ids(site)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    result = run_cli("init", str(tmp_path))
    assert result.code == 2
    assert "not empty" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_init_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("x")
    assert run_cli("init", str(tmp_path / "site")).code == 2


def test_init_accepts_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run_cli("init", str(tmp_path / "empty")).code == 0
    assert (tmp_path / "empty" / "site.yaml").is_file()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    target = site / "content" / "measures" / "falls-rate.yaml"
    before = target.read_bytes()
    result = run_cli("new", "measure", "falls-rate", str(site))
    assert result.code == 2
    assert "already exists" in result.err and "falls-rate.yaml" in result.err
    assert target.read_bytes() == before


def test_new_case_study_refuses_when_its_data_file_exists(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    data = site / "content" / "data" / "ward-9-news2-complete.csv"
    data.write_text("period,numerator,denominator\n")
    result = run_cli("new", "case-study", "ward-9", str(site))
    assert result.code == 2
    assert not (site / "content" / "case-studies" / "ward-9.yaml").exists(), "nothing half-made"
    assert data.read_text() == "period,numerator,denominator\n"


@pytest.mark.parametrize("bad", ["Ward_7", "falls--night", "falls-", "falls.cy", "ward 7"])
def test_new_refuses_a_bad_id(bad: str, tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    result = run_cli("new", "toolkit", bad, str(site))
    assert result.code == 2
    assert f"'{bad}' is not a valid id" in result.err
    assert "lowercase letters, digits and single hyphens" in result.err
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_new_needs_a_site_folder(tmp_path: Path) -> None:
    result = run_cli("new", "measure", "x", str(tmp_path))
    assert result.code == 2
    assert "no site.yaml" in result.err


def test_new_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as stopped:
        run_cli("new", "lesson", "x")
    assert stopped.value.code == 2


def test_new_says_what_to_fill_in_when_the_site_lacks_ids(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURE_SITE / "site.yaml", tmp_path / "site.yaml")
    result = run_cli("new", "case-study", "ward-1", str(tmp_path))
    assert result.code == 0
    for missing in ("toolkit", "change_idea", "organisations", "series"):
        assert f"fill in: {missing}" in result.err
    text = (tmp_path / "content" / "case-studies" / "ward-1.yaml").read_text()
    assert "toolkit: replace-with-a-toolkit-id" in text
    assert "\nseries:" not in text


def test_pick_refs_names_ids_that_exist_and_fit_together() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE))
    refs = pick_refs(site)
    toolkit = next(t for t in site.toolkits if t.id == refs.toolkit)
    package = next(p for p in site.change_packages if p.id == toolkit.change_package)
    assert refs.change_idea in {i.id for i in package.change_ideas}
    assert refs.series is not None and refs.series.id in toolkit.measures
    assert refs.setting in toolkit.settings and refs.setting in site.config.settings
    assert refs.organisation in {o.id for o in site.organisations}
    assert refs.topic in {t.id for t in site.topics}
    assert set(refs.toolkit_measures) <= {m.id for m in site.measures}


def test_new_skeleton_checks_the_id_before_anything_else() -> None:
    site, _ = validate_site(load_site(FIXTURE_SITE))
    with pytest.raises(UsageError, match="not a valid id"):
        new_skeleton("event", "Learning_Session", site, site.today)


def test_create_files_writes_nothing_when_one_file_exists(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("old")
    files = {PurePosixPath("a/a.txt"): "new a", PurePosixPath("b.txt"): "new b"}
    with pytest.raises(UsageError, match="already exists"):
        create_files(tmp_path, files)
    assert not (tmp_path / "a").exists()
    assert (tmp_path / "b.txt").read_text() == "old"
    written = create_files(tmp_path / "fresh", files)
    assert [p.read_text() for p in written] == ["new a", "new b"]


def test_new_says_whether_the_item_is_a_draft(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    measure = run_cli("new", "measure", "night-falls", str(site))
    assert "It is a draft" in measure.out
    package = run_cli("new", "change-package", "night-falls", str(site))
    assert package.code == 0
    assert "draft" not in package.out, "change packages have no status"
    assert "change-packages/night-falls.yaml" in package.out


def test_new_files_carry_the_source_date(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    assert run_cli("new", "toolkit", "night-falls", str(site)).code == 0
    text = (site / "content" / "toolkits" / "night-falls.md").read_text()
    assert "\nlast_reviewed: 2026-05-28\n" in text


def test_init_then_strict_check_fails_and_lists_every_placeholder(tmp_path: Path) -> None:
    site = tmp_path / "programme"
    assert run_cli("init", str(site)).code == 0
    assert run_cli("check", str(site), "--quiet").code == 0, "placeholders only warn"
    result = run_cli("check", str(site), "--strict", "--quiet")
    assert result.code == 1
    listed = [line for line in result.err.splitlines() if "placeholder text left" in line]
    written = [
        (path.relative_to(site).as_posix(), number)
        for path in sorted(site.rglob("*.*"))
        if path.suffix in (".md", ".yaml") and path.name != "README.md"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "Replace:" in line and not line.lstrip().startswith("#")
    ]
    assert len(written) > 30
    assert sorted((line.split(":")[0], int(line.split(":")[1])) for line in listed) == written
    assert (
        "site.yaml:3:8: warning: placeholder text left from the skeleton: "
        "'Replace: name of the programme'" in result.err
    )


def test_a_written_placeholder_is_no_longer_listed(tmp_path: Path) -> None:
    site = tmp_path / "programme"
    assert run_cli("init", str(site)).code == 0
    config = site / "site.yaml"
    config.write_text(config.read_text().replace("Replace: name of the programme", "Falls Wales"))
    result = run_cli("check", str(site), "--strict", "--quiet")
    assert "site.yaml:3:" not in result.err
    assert "content/topics.yaml:3:10: warning: placeholder" in result.err


def test_new_page_is_a_draft_page_with_placeholders(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    result = run_cli("new", "page", "how-to-join", str(site))
    assert result.code == 0, result.err
    assert "It is a draft" in result.out
    path = "content/pages/how-to-join.md"
    assert (site / path).read_text().startswith("---\n# A free page")
    strict = run_cli("check", str(site), "--strict", "--quiet")
    assert strict.code == 1
    assert f"{path}:9:8: warning: placeholder text left from the skeleton: 'Replace: title of" in (
        strict.err
    )
    assert f"{path}:13:1: warning: placeholder" in strict.err
    assert "how-to-join" in _preview_ids(site)


def test_new_page_refuses_the_address_of_a_list(tmp_path: Path) -> None:
    site = _example_copy(tmp_path)
    result = run_cli("new", "page", "toolkits", str(site))
    assert result.code == 2
    assert "'toolkits' is the address of a list" in result.err

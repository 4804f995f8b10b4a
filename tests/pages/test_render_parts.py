"""Small rendering parts: URLs, Markdown, driver diagram, formatting, atomic writes."""

from __future__ import annotations

import itertools
import posixpath
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit_builder.content.model import (
    Aim,
    ChangeIdea,
    ChangePackage,
    PrimaryDriver,
    SecondaryDriver,
)
from toolkit_builder.content.urls import root_prefix
from toolkit_builder.errors import Location
from toolkit_builder.language import formatting
from toolkit_builder.language.i18n import load_translations
from toolkit_builder.language.pageformat import PageFormat
from toolkit_builder.pages.driverdiagram import draw_driver_diagram, layout
from toolkit_builder.pages.markdown import make_markdown
from toolkit_builder.write import safe_relative, write_site

ENGLISH = PageFormat("en", load_translations("en"))

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("start", "prefix"),
    [
        ("index.html", ""),
        ("toolkits/index.html", "../"),
        ("toolkits/falls/index.html", "../../"),
        ("cy/toolkits/falls/change-ideas/huddle/index.html", "../../../../../"),
    ],
)
def test_root_prefix_climbs_one_folder_per_level(start: str, prefix: str) -> None:
    assert root_prefix(start) == prefix


def test_markdown_escapes_html_demotes_h1_and_blocks_remote_images() -> None:
    md = make_markdown(allow_raw_html=False)
    html = md.render(
        "# Title\n\n<b>x</b>\n\n![chart](https://elsewhere.example/c.png)\n\n[bad](javascript:alert(1))\n"
    )
    assert '<h2 id="title">Title</h2>' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<img" not in html and "(image on another site)" in html
    assert 'href="javascript' not in html


def test_markdown_tables_scroll_and_footnotes_render() -> None:
    html = make_markdown(False).render("|a|b|\n|-|-|\n|1|2|\n\nText[^n]\n\n[^n]: Note\n")
    assert '<div class="table-scroll"' in html and '<th scope="col">a</th>' in html
    assert 'class="footnote-ref"' in html and "Note" in html


def test_markdown_tables_are_named_by_a_caption_paragraph_or_their_section() -> None:
    md = make_markdown(False)
    html = md.render("## Risk <scores>\n\n|a|\n|-|\n|1|\n")
    assert 'role="region" aria-label="Risk &lt;scores&gt;"' in html
    assert '<caption class="visually-hidden">Risk &lt;scores&gt;</caption>' in html
    html = md.render("## Risk\n\nTable: NEWS2 bands & responses\n\n|a|\n|-|\n|1|\n")
    assert "<caption>NEWS2 bands &amp; responses</caption>" in html
    assert "<p>Table:" not in html and 'aria-label="NEWS2 bands &amp; responses"' in html
    html = md.render("|Week|Falls|\n|-|-|\n|1|2|\n")  # no heading: named by its columns
    assert html.count('<caption class="visually-hidden">Week, Falls</caption>') == 1
    assert 'aria-label="Week, Falls"' in html and "Table" not in html
    html = md.render("| |\n|-|\n|1|\n")  # nothing to name it by: no empty caption or label
    assert "<caption" not in html and "aria-label" not in html and 'tabindex="0"' in html


def package() -> ChangePackage:
    return ChangePackage(
        "p",
        "Package & co",
        Aim("By 2027, reduce harm by 30% <b>", date(2027, 1, 1)),
        (
            PrimaryDriver(
                "p1", "Reliable care", (SecondaryDriver("s1", "One"), SecondaryDriver("s2", "Two"))
            ),
            PrimaryDriver("p2", "Culture", (SecondaryDriver("s3", "Three " * 12),)),
        ),
        (ChangeIdea("c1", "Idea one", "", ("s1", "s3")), ChangeIdea("c2", "Idea two", "", ("s2",))),
        Location(PurePosixPath("x.yaml")),
    )


def test_driver_diagram_is_valid_svg_with_text_title_and_desc() -> None:
    svg = draw_driver_diagram(package())
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Driver diagram: Package & co"
    assert (
        "2 primary drivers, 3 secondary drivers and 2 change ideas" in root.find(f"{SVG}desc").text
    )
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Idea one" in texts and "Reliable care" in texts
    # Aim, 2 primary, 3 secondary, 2 ideas; connectors: 2 + 3 + 3 idea links.
    assert len(list(root.iter(f"{SVG}rect"))) == 1 + 8
    assert len(list(root.iter(f"{SVG}path"))) == 8
    assert draw_driver_diagram(package()) == svg


def test_driver_diagram_boxes_do_not_overlap_in_a_column() -> None:
    boxes = sorted(layout(package()), key=lambda b: (b.column, b.top))
    for a, b in itertools.pairwise(boxes):
        if a.column == b.column:
            assert a.top + a.height <= b.top


def test_formatting() -> None:
    assert formatting.long_date(date(2026, 3, 1)) == "1 March 2026"
    assert formatting.with_unit(85.24, "%") == "85.2%"
    assert formatting.with_unit(4.0, "per 1,000 bed days") == "4 per 1,000 bed days"
    assert formatting.number(12345.0) == "12,345"
    start = datetime(2026, 11, 29, 10, tzinfo=UTC)
    assert (
        formatting.event_time(start, start + timedelta(hours=6))
        == "29 November 2026, 10:00–16:00 (UTC+00:00)"
    )
    aest = datetime(2026, 11, 29, 9, tzinfo=timezone(timedelta(hours=11)))
    assert formatting.event_time(aest, None) == "29 November 2026, 09:00 (UTC+11:00)"
    assert formatting.setting_name("primary-care") == "Primary care"


def test_write_site_swaps_atomically_and_refuses_escaping_paths(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site({"index.html": b"one", "a/b.txt": b"two"}, out)
    assert (out / "a" / "b.txt").read_bytes() == b"two"
    write_site({"index.html": b"three"}, out)
    assert (out / "index.html").read_bytes() == b"three" and not (out / "a").exists()
    with pytest.raises(ValueError):
        write_site({"../evil.txt": b"x"}, out)
    assert (out / "index.html").read_bytes() == b"three"
    assert not (tmp_path / "evil.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    with pytest.raises(ValueError):
        safe_relative("/etc/passwd")


@given(
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=3),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=3),
    st.sampled_from(["index.html", "x.svg"]),
)
def test_a_link_by_root_prefix_resolves_to_its_target(
    start: list[str], target: list[str], name: str
) -> None:
    from_path = "/".join([*start, "index.html"])
    to_path = "/".join([*target, name])
    link = root_prefix(from_path) + to_path
    assert posixpath.normpath(posixpath.join(posixpath.dirname(from_path), link)) == to_path


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1 kB"), (48_400, "48 kB"), (999_499, "999 kB")],
)
def test_file_size(size: int, text: str) -> None:
    assert ENGLISH.file_size(size) == text


def test_file_size_in_megabytes() -> None:
    assert ENGLISH.file_size(999_500) == "1 MB"
    assert ENGLISH.file_size(12_345_678) == "12.3 MB"


def test_file_size_in_welsh() -> None:
    welsh = PageFormat("cy", load_translations("cy"))
    assert welsh.file_size(48_400) == "48 kB"
    assert welsh.file_size(2) != "2 bytes"  # Welsh words for bytes

"""The build record: JSON there and back, and anything else read as no record."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit_builder.cache.record import (
    FORMAT,
    BuildRecord,
    RenderRecord,
    record_from_json,
    record_to_json,
)
from toolkit_builder.cache.store import digest_of
from toolkit_builder.errors import Location, Problem, Severity

TOOL = digest_of(b"tool")
PAGE = digest_of(b"<h1>page</h1>")


def _record() -> BuildRecord:
    return BuildRecord(
        tool=TOOL,
        inputs=digest_of(b"inputs"),
        out="/srv/site/output",
        files={"index.html": PAGE, "charts/a.svg": digest_of(b"svg")},
        stamps={"index.html": (13, 1_700_000_000_123_456_789, 42)},
        pages=1,
        charts=1,
        warnings=(
            Problem(
                Location(PurePosixPath("content/a.yaml"), 3, 5),
                "old",
                "review it",
                Severity.WARNING,
            ),
        ),
        templates={"page.html": digest_of(b"tpl")},
        render=RenderRecord(
            keys={"config": digest_of(b"c")},
            pages={"index.html": ("home.html", PAGE)},
            closures={"home.html": ("base.html", "home.html")},
        ),
        svgs={"k" * 64: digest_of(b"svg")},
        made={digest_of(b"inputs"): digest_of(b"xlsx")},
        search_key=digest_of(b"pages"),
        search={"pagefind/pagefind-entry.json": digest_of(b"{}")},
    )


def test_a_record_reads_back_as_written() -> None:
    record = _record()
    assert record_from_json(json.loads(json.dumps(record_to_json(record))), TOOL) == record


def test_a_record_by_another_tool_or_format_is_not_read() -> None:
    data = record_to_json(_record())
    assert record_from_json(data, digest_of(b"another tool")) is None
    assert record_from_json({**data, "format": FORMAT + 1}, TOOL) is None


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("files", {"../outside.html": PAGE}),
        ("files", {"/etc/passwd": PAGE}),
        ("files", {"a//b.html": PAGE}),
        ("files", {"index.html": "not-a-digest"}),
        ("stamps", {"index.html": [1, 2]}),
        ("stamps", {"index.html": [True, 2, 3]}),
        ("pages", -1),
        ("warnings", [["a", 1, 1, "", "m", "h", "fatal"]]),
        ("search", {"pagefind/../../x": PAGE}),
        ("render", {"keys": {}, "pages": {"index.html": ["home.html"]}, "closures": {}}),
    ],
)
def test_a_value_of_the_wrong_shape_makes_no_record(where: str, value: object) -> None:
    assert record_from_json({**record_to_json(_record()), where: value}, TOOL) is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(record_to_json(_record()))), JSON))
def test_any_json_is_a_record_or_none_never_an_error(changes: dict[str, object]) -> None:
    found = record_from_json({**record_to_json(_record()), **changes}, TOOL)
    assert found is None or isinstance(found, BuildRecord)


def test_the_record_names_every_digest_the_store_must_keep() -> None:
    record = _record()
    assert record.digests() == {
        PAGE,
        digest_of(b"svg"),
        digest_of(b"xlsx"),
        digest_of(b"{}"),
    }

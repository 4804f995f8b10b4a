"""Digests of model values: equal values give equal digests, in any process."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePosixPath

from markupsafe import Markup

from tests.support import REPO
from toolkit_builder.content.digest import Digester, key_digests
from toolkit_builder.errors import Severity
from toolkit_builder.language.localise import Fallback


@dataclass(frozen=True, slots=True)
class Item:
    """A small model object."""

    id: str
    when: date
    tags: tuple[str, ...] = ()
    score: float | None = None


def digest(value: object) -> str:
    return Digester().digest(value)


def test_equal_values_give_equal_digests_and_a_changed_field_another() -> None:
    item = Item("a", date(2025, 1, 1), ("x", "y"), 0.5)
    assert digest(item) == digest(Item("a", date(2025, 1, 1), ("x", "y"), 0.5))
    for changed in (
        replace(item, id="b"),
        replace(item, when=date(2025, 1, 2)),
        replace(item, tags=("y", "x")),
        replace(item, score=None),
        replace(item, score=0.50000001),
    ):
        assert digest(changed) != digest(item)


def test_text_shown_for_want_of_a_translation_is_not_plain_text() -> None:
    assert digest(Fallback("Falls", "en")) != digest("Falls")
    assert digest(Fallback("Falls", "en")) != digest(Fallback("Falls", "en", notice=False))
    assert digest(Markup("<b>x</b>")) != digest("<b>x</b>")


def test_kinds_are_told_apart() -> None:
    values = [
        1,
        1.0,
        "1",
        True,
        None,
        (1,),
        [1],
        {1: 1},
        {1},
        b"1",
        PurePosixPath("1"),
        Severity.ERROR,
    ]
    assert len({digest(value) for value in values}) == len(values)


def test_a_set_gives_the_same_digest_in_processes_with_other_hash_seeds() -> None:
    code = (
        "from toolkit_builder.content.digest import Digester;"
        "print(Digester().digest(frozenset({'falls', 'pressure', 'sepsis', 'delirium'})))"
    )
    found = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(found) == 1
    assert found == {digest(frozenset({"delirium", "sepsis", "pressure", "falls"})) + "\n"}


def test_each_key_gets_its_own_digest() -> None:
    shared = Item("a", date(2025, 1, 1))
    keys = key_digests({"case:a": shared, "kind:cases": (shared,), "nav": ()})
    assert sorted(keys) == ["case:a", "kind:cases", "nav"]
    assert keys["case:a"] == digest(shared)
    assert len(set(keys.values())) == 3


@dataclass(frozen=True)
class Holder:
    """A model object that holds others, as a series holds its observations."""

    name: str
    items: tuple[Item, ...]


def test_short_instances_are_written_out_long_ones_digested_once() -> None:
    items = tuple(Item(f"i{n}", date(2025, 1, n + 1), (), float(n)) for n in range(20))
    holder = Holder("long " * 100, items)
    digester = Digester()
    first = digester.digest([holder, holder])
    seen = {type(value) for value, _ in digester._seen.values()}
    assert seen == {Holder}, "each Item is written out in its holder's encoding"
    assert first == digest([Holder("long " * 100, items), Holder("long " * 100, items)])
    for n in (0, 19):  # a change in any item, first or last, changes the holder's digest
        changed = (*items[:n], replace(items[n], score=0.25), *items[n + 1 :])
        assert digest([replace(holder, items=changed), holder]) != first


def test_a_date_is_encoded_as_any_other_value_of_its_kind() -> None:
    written: list[bytes] = []
    Digester()._encode(date(2025, 3, 1), written)
    other: list[bytes] = []
    Digester()._encode_other(date(2025, 3, 1), other)
    assert written == [b"".join(other)]

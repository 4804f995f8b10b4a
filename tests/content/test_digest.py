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

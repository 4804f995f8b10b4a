"""Values kept from one build to the next: by key digest, by inputs, and JSON texts."""

from __future__ import annotations

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

import pytest

from tests.reuse.test_bundle import in_language
from tests.support import FIXTURE_SITE
from toolkit_builder.content.load import load_site
from toolkit_builder.content.model import Licence, SiteConfig
from toolkit_builder.content.validate import validate_site
from toolkit_builder.pages.markdown import make_markdown
from toolkit_builder.pages.theme import PACKAGE_THEME, make_environment
from toolkit_builder.reuse.bundle import site_bundles
from toolkit_builder.reuse.made import MadeFiles
from toolkit_builder.reuse.opendata import api_document, document_bytes, json_bytes

CONFIG = SiteConfig("Fixture Collaborative", "https://example.org/", Licence("OGL", ""))


def test_a_value_made_from_equal_inputs_is_reused_with_the_files_it_asked_for() -> None:
    made: list[str] = []

    def bundle(made_files: MadeFiles, name: str) -> bytes:
        made.append(name)
        sheet = made_files.get(("sheet", name), lambda: f"sheet of {name}".encode())
        return b"zip:" + sheet

    first = MadeFiles()
    value = first.by_inputs("bundle:a", ("a", 1), lambda: bundle(first, "a"))
    assert value == b"zip:sheet of a" and made == ["a"]
    second = MadeFiles(memory=first.memory())
    assert second.by_inputs("bundle:a", ("a", 1), lambda: bundle(second, "a")) is value
    assert made == ["a"], "equal inputs: not made again"
    assert second.current == first.current, "the sheet it asked for is handed on"
    third = MadeFiles(memory=second.memory())
    assert third.by_inputs("bundle:a", ("a", 2), lambda: bundle(third, "a")) == value
    assert made == ["a", "a"], "other inputs: made again"
    assert third.made == 0, "its sheet's key did not change: the sheet is reused"
    fourth = MadeFiles(memory=third.memory())
    fourth.by_inputs("bundle:b", ("b", 1), lambda: bundle(fourth, "b"))
    assert list(fourth.kept) == ["bundle:b"], "only what this build asked for is handed on"
    assert len(fourth.current) == 1


def test_whole_values_are_not_kept_on_disk_only_files() -> None:
    first = MadeFiles()
    first.by_inputs("bundle:a", ("a",), lambda: first.get(("sheet",), lambda: b"s"))
    restored = MadeFiles(first.current)  # what a command-line build reads back
    calls: list[int] = []
    restored.by_inputs("bundle:a", ("a",), lambda: calls.append(1) or b"again")
    assert calls == [1]


def test_out_of_process_it_keeps_the_files_but_no_values_or_texts() -> None:
    made = MadeFiles(in_process=False)  # the command line: only files go to disk
    value = made.by_inputs("bundle:a", ("a",), lambda: made.get(("sheet",), lambda: b"s"))
    assert made.text("key", lambda: "text") == "text"
    assert value == b"s"
    memory = made.memory()
    assert list(memory.files.values()) == [b"s"] and memory.kept == {} and memory.texts == {}


ITEMS = [
    {"id": "b", "title": "Ward 3 \u2013 falls", "counts": {"tested": 2, "adopted": 1}},
    {"id": "a", "nested": [[1, 2.5, None], {"z": True, "a": []}], "empty": {}},
    {"id": "c", "text": 'line one\nline two with "quotes" and \\ and \u00e9'},
    {"id": "d", "title": '\n  "items": []'},
]


@pytest.mark.parametrize("items", [ITEMS, ITEMS[:1], [], [{}]])
def test_a_document_from_kept_texts_is_the_indented_json_byte_for_byte(items: list) -> None:
    made = MadeFiles()
    data = document_bytes(CONFIG, items, made)
    assert data == json_bytes(api_document(CONFIG, items))
    assert json.loads(data)["items"] == items
    again = MadeFiles(memory=made.memory())
    assert document_bytes(CONFIG, items, again) == data
    assert all(again.texts[key] is text for key, text in made.texts.items())
    assert len(made.texts) == len({json.dumps(i, sort_keys=True) for i in items})


def test_a_bundle_is_made_again_only_when_what_it_shows_changed() -> None:
    site, problems = validate_site(load_site(FIXTURE_SITE))
    assert [p for p in problems if p.is_error] == []
    md, env = make_markdown(False), make_environment([PACKAGE_THEME])
    first = MadeFiles()
    built = site_bundles(in_language(site), env, md, first)
    second = MadeFiles(memory=first.memory())
    event = replace(site.events[0], title="Renamed event")  # no bundle shows events
    again = site_bundles(in_language(replace(site, events=(event,))), env, md, second)
    assert again["falls"] is built["falls"] and second.made == 0
    assert second.current == first.current
    third = MadeFiles(memory=second.memory())
    case = replace(site.case_studies[0], title="Renamed case study")
    edited = replace(site, case_studies=(case, *site.case_studies[1:]))
    rebuilt = site_bundles(in_language(edited), env, md, third)
    assert rebuilt["falls"] != built["falls"]
    assert rebuilt == site_bundles(in_language(edited), env, md, MadeFiles())


def _done(data: bytes) -> Future[bytes]:
    future: Future[bytes] = Future()
    future.set_result(data)
    return future


def test_a_file_made_ahead_is_taken_when_asked_for() -> None:
    made = MadeFiles()
    assert made.make_ahead(("sheet", "a"), lambda: _done(b"made ahead"))
    assert not made.make_ahead(("sheet", "a"), lambda: _done(b"again")), "started once"
    assert made.get(("sheet", "a"), lambda: b"made here") == b"made ahead"
    assert made.made == 1 and list(made.current.values()) == [b"made ahead"]


def test_nothing_is_made_ahead_that_the_last_build_made() -> None:
    first = MadeFiles()
    first.get(("sheet", "a"), lambda: b"last build")
    second = MadeFiles(memory=first.memory())
    started: list[int] = []
    assert not second.make_ahead(("sheet", "a"), lambda: started.append(1) or _done(b"x"))
    assert started == [] and second.get(("sheet", "a"), lambda: b"here") == b"last build"


def test_a_file_its_worker_could_not_make_is_made_here() -> None:
    made = MadeFiles()
    broken: Future[bytes] = Future()
    broken.set_exception(BrokenProcessPool("a worker died"))
    made.make_ahead(("sheet", "a"), lambda: broken)
    assert made.get(("sheet", "a"), lambda: b"made here") == b"made here"
    pending: Future[bytes] = Future()
    made.make_ahead(("sheet", "b"), lambda: pending)
    made.cancel_ahead()
    assert pending.cancelled()
    assert made.get(("sheet", "b"), lambda: b"b here") == b"b here"

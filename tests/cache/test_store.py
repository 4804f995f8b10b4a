"""The cache store: files named by their SHA-256, checked on every read, links refused."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import NoReturn

import pytest

from toolkit_builder.cache import store as store_module
from toolkit_builder.cache.store import CacheStore, digest_of
from toolkit_builder.regularfile import read_regular


def _store(tmp_path: Path) -> CacheStore:
    found = CacheStore.open(tmp_path / "site/.cache/toolkit-builder", tmp_path / "site")
    assert found is not None
    return found


def test_kept_bytes_read_back_under_their_digest(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.keep(digest_of(b"chart"), None, b"chart")
    assert store.read(digest_of(b"chart")) == b"chart"
    assert store.read(digest_of(b"never kept")) is None


def test_a_file_whose_bytes_changed_is_a_miss_and_goes(tmp_path: Path) -> None:
    store = _store(tmp_path)
    digest = digest_of(b"page")
    store.keep(digest, None, b"page")
    path = store.objects / digest[:2] / digest[2:]
    path.write_bytes(b"pagE")  # as an output file edited in place would
    assert store.read(digest) is None
    assert not path.exists()
    store.keep(digest, None, b"page")
    assert store.read(digest) == b"page"


def test_names_that_are_not_digests_are_refused(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.read("../../../etc/passwd") is None
    assert store.read("A" * 64) is None
    with pytest.raises(ValueError):
        store.keep("../x", None, b"x")


def test_a_named_pipe_in_the_store_is_a_miss_not_a_wait(tmp_path: Path) -> None:
    """A restored cache could hold a named pipe where a file should be: opening it to
    read would wait for a writer for ever."""
    store = _store(tmp_path)
    digest = digest_of(b"page")
    (store.objects / digest[:2]).mkdir(parents=True)
    os.mkfifo(store.objects / digest[:2] / digest[2:])
    assert store.read(digest) is None
    assert read_regular(store.objects / digest[:2] / digest[2:]) is None


def _secret_linked_as(store: CacheStore, digest: str, tmp_path: Path) -> Path:
    """Put a symbolic link to a secret file where the store keeps `digest`; return the secret."""
    secret = tmp_path / "deploy-key"
    secret.write_bytes(b"secret")
    (store.objects / digest[:2]).mkdir(parents=True)
    (store.objects / digest[:2] / digest[2:]).symlink_to(secret)
    return secret


def test_a_link_in_the_store_is_not_followed(tmp_path: Path) -> None:
    store = _store(tmp_path)
    digest = digest_of(b"secret")
    _secret_linked_as(store, digest, tmp_path)
    assert store.read(digest) is None
    assert store.verified_path(digest) is None


@pytest.mark.parametrize(
    "linked",
    [
        ".cache",
        ".cache/toolkit-builder",
        ".cache/toolkit-builder/build",
        ".cache/toolkit-builder/search-copies",
    ],
)
def test_a_store_reached_through_a_link_is_not_used(tmp_path: Path, linked: str) -> None:
    site = tmp_path / "site"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / linked).parent.mkdir(parents=True)
    (site / linked).symlink_to(elsewhere)
    assert CacheStore.open(site / ".cache/toolkit-builder", site) is None


def test_kept_output_files_are_linked_not_copied(tmp_path: Path) -> None:
    store = _store(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_bytes(b"<h1>Hi</h1>")
    digest = digest_of(b"<h1>Hi</h1>")
    store.keep_output({"index.html": digest}, out, {})
    kept = store.verified_path(digest)
    assert kept is not None
    assert os.stat(kept).st_ino == os.stat(out / "index.html").st_ino


def test_where_links_fail_the_bytes_are_copied_readable_by_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("links not allowed here")

    monkeypatch.setattr(store_module.os, "link", refuse)
    store = _store(tmp_path)
    source = tmp_path / "page.html"
    source.write_bytes(b"page")
    store.keep(digest_of(b"page"), source, None)
    kept = store.verified_path(digest_of(b"page"))
    assert kept is not None and os.stat(kept).st_ino != os.stat(source).st_ino
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o666 & ~umask


def test_pruning_keeps_only_what_is_named_and_what_is_not_ours(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for data in (b"a", b"b", b"c"):
        store.keep(digest_of(data), None, data)
    shelf = store.objects / digest_of(b"a")[:2]
    (shelf / ".tmp-123-x").write_bytes(b"left by a killed build")
    (store.objects / "README").write_text("someone's note")
    removed = store.prune({digest_of(b"a")})
    assert removed == 3
    assert store.read(digest_of(b"a")) == b"a"
    assert store.read(digest_of(b"b")) is None and store.read(digest_of(b"c")) is None
    assert (store.objects / "README").read_text() == "someone's note"


def test_the_record_is_json_and_the_folder_stays_out_of_git(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.read_record() is None
    store.write_record({"format": 1, "pages": [1, 2]})
    assert store.read_record() == {"format": 1, "pages": [1, 2]}
    assert (store.folder / ".gitignore").read_text().splitlines()[-1] == "*"
    (store.folder / "build/record.json").write_bytes(b"\x80not json")
    assert store.read_record() is None


def test_put_stores_bytes_once_under_their_digest_and_tells_where(tmp_path: Path) -> None:
    store = _store(tmp_path)
    digest = store.put(b"<svg/>")
    assert digest == digest_of(b"<svg/>")
    path = store.stored_path(digest)
    assert path.read_bytes() == b"<svg/>" and store.read(digest) == b"<svg/>"
    inode = os.stat(path).st_ino
    assert store.put(b"<svg/>") == digest and os.stat(path).st_ino == inode  # not rewritten
    with pytest.raises(ValueError):
        store.stored_path("../../elsewhere")


class _ChangingSet(set[Path]):
    """A set that fails if pickled: as the store's set of checked folders would, were it
    changed by the build while a feeder thread pickles a drawing task."""

    def __reduce__(self) -> NoReturn:
        raise RuntimeError("set changed size during iteration")


def test_put_pickles_for_the_drawing_processes_without_the_folders_checked_here(
    tmp_path: Path,
) -> None:
    store = CacheStore(tmp_path / "cache")
    store.put(b"a page")  # checks and remembers the folders it made
    checked = _ChangingSet(store._checked)
    store._checked = checked
    assert checked
    put = pickle.loads(pickle.dumps(store.put))
    digest = put(b"a chart")
    assert store.verified_path(digest) is not None
    assert put.__self__._checked == {store.objects / digest[:2]}  # checked there, by itself


def test_a_link_replaces_what_is_not_a_stored_file_under_its_name(tmp_path: Path) -> None:
    store = _store(tmp_path)
    digest = digest_of(b"page")
    secret = _secret_linked_as(store, digest, tmp_path)
    source = tmp_path / "page.html"
    source.write_bytes(b"page")
    store.keep(digest, source, None)
    kept = store.verified_path(digest)
    assert kept is not None and os.stat(kept).st_ino == os.stat(source).st_ino
    assert secret.read_bytes() == b"secret"
    assert sorted(p.name for p in (store.objects / digest[:2]).iterdir()) == [digest[2:]]

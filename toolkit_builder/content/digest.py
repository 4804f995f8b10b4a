"""Stable digests of model values: equal values give equal digests, in any process.

A build compares what each page depends on with the last build's (pages/changes.py).
In memory it compares the values; across command-line builds only a digest of each
was kept. `repr` would not do: a set's order changes between processes, and text
shown for want of a translation (a `str` subclass carrying its language) prints as
plain text. Here every value is encoded with its type, its fields and, for sets,
its elements in sorted order; a value of an unknown kind is encoded with its type
and `repr`, which at worst (an address in the repr) makes it differ every time: a
page rendered again, never a stale one.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from pathlib import PurePath


class Digester:
    """Digests values, each long dataclass instance once (a site shares them between keys)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[object, bytes]] = {}
        """id -> (the instance, kept alive so its id is not reused; its digest)."""
        self._layouts: dict[type, tuple[bytes, tuple[str, ...]]] = {}
        """Dataclass -> its encoded type name and its fields' names, found once a type."""

    def digest(self, value: object) -> str:
        """Return the SHA-256 (hex) of `value`'s encoding."""
        return self._hash(value).hex()

    def _hash(self, value: object) -> bytes:
        parts: list[bytes] = []
        self._encode(value, parts)
        return hashlib.sha256(b"".join(parts)).digest()

    def _encode(self, value: object, out: list[bytes]) -> None:
        kind = type(value)
        if value is None or kind is bool:
            out.append(b"N" if value is None else b"T" if value else b"F")
        elif kind is str:
            data = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
            out.append(b"s%d:" % len(data) + data)
        elif kind is int or kind is float:
            out.append(b"n" + repr(value).encode() + b";")
        elif kind is tuple or kind is list:
            out.append(b"(" if kind is tuple else b"[")
            for item in value:  # type: ignore[attr-defined]
                self._encode(item, out)
            out.append(b")")
        elif kind is dict:
            out.append(b"{")
            for key, item in value.items():  # type: ignore[attr-defined]
                self._encode(key, out)
                self._encode(item, out)
            out.append(b"}")
        elif kind is date:  # as _encode_other encodes it, without its tests
            out.append(_DATE + value.isoformat().encode() + b";")  # type: ignore[attr-defined]
        elif kind in self._layouts or (
            dataclasses.is_dataclass(value) and not isinstance(value, type)
        ):
            out.append(self._instance(value))
        else:
            self._encode_other(value, out)

    def _instance(self, value: object) -> bytes:
        """Return a dataclass instance's encoding: its type and fields, written out when
        short (a site's observations and data rows, 150,000 of them at N = 1000), else
        their SHA-256, kept for the next key that holds the same instance."""
        seen = self._seen.get(id(value))
        if seen is not None and seen[0] is value:
            return seen[1]
        kind = type(value)
        layout = self._layouts.get(kind)
        if layout is None:
            names = tuple(item.name for item in dataclasses.fields(value))  # type: ignore[arg-type]
            layout = self._layouts[kind] = (_type_name(value), names)
        name, fields = layout
        parts = [name]
        for field in fields:
            self._encode(getattr(value, field), parts)
        data = b"".join(parts)
        if len(data) <= INLINE_BYTES:
            return b"d%d:" % len(data) + data
        encoded = b"D" + hashlib.sha256(data).digest()
        self._seen[id(value)] = (value, encoded)
        return encoded

    def _encode_other(self, value: object, out: list[bytes]) -> None:
        out.append(_type_name(value))
        if isinstance(value, str):  # Markup, a Fallback (with its language)
            self._encode(str.__str__(value), out)
            self._encode(sorted(getattr(value, "__dict__", {}).items()), out)
        elif isinstance(value, bytes):
            out.append(b"%d:" % len(value) + value)
        elif isinstance(value, (set, frozenset)):
            out.extend(sorted(self._hash(item) for item in value))
            out.append(b")")
        elif isinstance(value, Enum):
            self._encode(value.value, out)
        elif isinstance(value, (date, datetime, time)):
            out.append(value.isoformat().encode() + b";")
        elif isinstance(value, (PurePath, Decimal, int, float)):
            self._encode(str(value), out)
        elif isinstance(value, (tuple, list)):  # a named tuple
            self._encode(tuple(value), out)
        elif isinstance(value, dict):
            self._encode(dict(value), out)
        else:
            self._encode(repr(value), out)


INLINE_BYTES = 256
"""Longest encoding of an instance written out in its holder's, rather than digested."""


def _type_name(value: object) -> bytes:
    return _name_of(type(value))


@lru_cache(maxsize=1024)
def _name_of(kind: type) -> bytes:
    return f"<{kind.__module__}.{kind.__qualname__}>".encode()


_DATE = _name_of(date)


def key_digests(keys: dict[str, object]) -> dict[str, str]:
    """Return the digest of each dependency key's value, by key."""
    digester = Digester()
    return {key: digester.digest(value) for key, value in keys.items()}

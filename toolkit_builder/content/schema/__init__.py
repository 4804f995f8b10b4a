"""Every content file type declared once: fields, types, rules and a documented example.

One module per file type (site, toolkit, change_package, measure, case_study, event,
page, lists), built from field (Field, FileType) and common (shared vocabularies). The
declarations drive validation (content/validate.py), the field reference in
docs/authoring.md (`make docs`), the editors' JSON Schemas and translation rules.
This module is the registry: FILE_TYPES by kind.
"""

from __future__ import annotations

from toolkit_builder.content.schema.case_study import CASE_STUDY
from toolkit_builder.content.schema.change_package import CHANGE_PACKAGE, DRIVER_ITEM
from toolkit_builder.content.schema.common import (
    LESSON_CATEGORIES,
    LICENCE,
    RESOURCE,
    STATUSES,
    TOOLKIT_STATUSES,
)
from toolkit_builder.content.schema.event import EVENT
from toolkit_builder.content.schema.field import Field, FieldKind, FileType
from toolkit_builder.content.schema.lists import ORGANISATION, TOPIC
from toolkit_builder.content.schema.measure import CHARTS_FOR_SCORING, MEASURE
from toolkit_builder.content.schema.page import PAGE
from toolkit_builder.content.schema.site import ACCESSIBILITY, ACCESSIBILITY_STATUSES, SITE
from toolkit_builder.content.schema.toolkit import CHANGELOG, TOOLKIT

FILE_TYPES: dict[str, FileType] = {
    t.kind: t
    for t in (SITE, TOOLKIT, CHANGE_PACKAGE, MEASURE, CASE_STUDY, EVENT, PAGE, ORGANISATION, TOPIC)
}
"""Every file type by kind."""

__all__ = [
    "ACCESSIBILITY",
    "ACCESSIBILITY_STATUSES",
    "CASE_STUDY",
    "CHANGELOG",
    "CHANGE_PACKAGE",
    "CHARTS_FOR_SCORING",
    "DRIVER_ITEM",
    "EVENT",
    "FILE_TYPES",
    "LESSON_CATEGORIES",
    "LICENCE",
    "MEASURE",
    "ORGANISATION",
    "PAGE",
    "RESOURCE",
    "SITE",
    "STATUSES",
    "TOOLKIT",
    "TOOLKIT_STATUSES",
    "TOPIC",
    "Field",
    "FieldKind",
    "FileType",
]

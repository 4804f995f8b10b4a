"""Authoring: help for people who write content.

Owns: scaffold (`init` and `new`), starter (the starter site), skeletons and
casestudyskeleton (draft files), docgen (the field reference in docs/authoring.md) and
jsonschema_out (JSON Schemas for editors). May import: content, language, errors.
"""

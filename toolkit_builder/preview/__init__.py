"""Preview: the local server for reviewers, with live reload.

Owns: serve (HTTP on 127.0.0.1, an in-memory build, server-sent events), pending (the
pages the browsers show, and the site on show while a rebuild finishes), watch (which
file changes need which rebuild), collector (the garbage collector run between rebuilds),
responsive (threads that answer while a rebuild runs) and overlay (build problems shown
in the browser).
May import: build and everything below it; never writes files.
"""

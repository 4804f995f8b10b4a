"""The cache: what a build keeps to do again only the work a change needs.

Owns: memory (BuildCache: the last build's results, which the preview keeps in
memory), store (the cache folder on disk: files named by their SHA-256, checked on
read, links refused; the only writer there), record (the last command-line build,
as checked JSON), persist (a BuildCache to and from the store), fingerprint (the
tool and the settings a cache entry is keyed on).
May import: every stage (content, language, charts, pages, reuse), errors, progress.
Hands on: a BuildCache to the pipeline, and the last build's record to build/.

store, record and fingerprint import no stage with a heavy library: a build with
nothing changed uses only them.
"""

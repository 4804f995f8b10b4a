"""The cache: what a build keeps to do again only the work a change needs.

Owns: memory (BuildCache: the previous build's results in memory, which the
preview keeps between builds).
May import: every stage (content, language, charts, pages, reuse), errors, progress.
Hands on: a BuildCache to the pipeline.
"""

"""The publishing guide's CI samples are valid YAML that check pull requests and publish main."""

from __future__ import annotations

import re

import yaml

from tests.support import REPO

GUIDE = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
BLOCKS = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", GUIDE, re.DOTALL)]


def _commands(job: dict[str, object]) -> str:
    steps = job.get("steps", [])
    return "\n".join(str(step.get("run", "")) for step in steps)  # type: ignore[union-attr]


def test_github_workflow_checks_pull_requests_and_publishes_main() -> None:
    workflow = BLOCKS[0]
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert jobs["check"]["if"] == "github.event_name == 'pull_request'"
    assert "toolkit-builder check ." in _commands(jobs["check"])
    assert "toolkit-builder build . --out public" in _commands(jobs["build"])
    uploads = [s.get("uses", "") for s in jobs["build"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uploads)
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_gitlab_sample_checks_merge_requests_and_publishes_pages() -> None:
    gitlab = BLOCKS[1]
    assert gitlab["check"]["script"] == ["toolkit-builder check ."]
    assert "merge_request_event" in gitlab["check"]["rules"][0]["if"]
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "toolkit-builder build . --out public" in gitlab["pages"]["script"]


def test_readme_links_the_guide() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/publishing.md)" in readme

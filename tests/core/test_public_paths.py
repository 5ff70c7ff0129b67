"""The public addresses stay: every page route and API path listed before a refactor still exists.

``data/public_paths.txt`` lists them (page routes, then ``METHOD /api/...``). New routes may be
added; none may disappear or change.
"""

from pathlib import Path

from django.urls import URLResolver, get_resolver

from dekvep.api import api

LISTED = Path(__file__).parent / "data" / "public_paths.txt"


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def current_paths() -> set[str]:
    schema = api.get_openapi_schema()
    api_paths = {f"{m.upper()} {path}" for path, ops in schema["paths"].items() for m in ops}
    return set(_routes(get_resolver().url_patterns)) | api_paths


def test_every_listed_page_and_api_path_still_exists():
    listed = {line for line in LISTED.read_text().splitlines() if line.strip()}
    missing = sorted(listed - current_paths())
    assert missing == []
    assert "roadmaps/actions/<int:pk>/" in listed
    assert "GET /api/roadmaps/opportunities" in listed

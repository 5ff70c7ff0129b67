"""axe-core (vendored in ``assets/``) run on an open page.

The script is served from the page's own origin by a Playwright route (never fetched from the
network), so the site's Content-Security-Policy (``script-src 'self'``) stays as in production.
"""

from pathlib import Path

AXE = Path(__file__).parent / "assets" / "axe.min.js"
AXE_PATH = "/__axe-core/axe.min.js"
BLOCKING = ("serious", "critical")


def serve_axe(page) -> None:
    """Answer ``AXE_PATH`` on any origin with the vendored axe-core."""
    body = AXE.read_bytes()
    page.route(
        f"**{AXE_PATH}",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=body),
    )


def violations(page) -> list[str]:
    """The serious and critical axe violations of the page, one readable line per node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        origin = page.evaluate("location.origin")
        page.add_script_tag(url=origin + AXE_PATH)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{item['impact']} {item['id']}: {item['help']} at {node['target']}"
        for item in result
        if item["impact"] in BLOCKING
        for node in item["nodes"]
    ]

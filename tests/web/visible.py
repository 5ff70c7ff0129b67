"""What a reader sees: visible text of pages, workbooks and PDFs, and a crawler over a role's
pages, used by the tests that keep raw codes off every page and document."""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SNAKE = re.compile(r"(?<![\w@./#-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])")
_SKIP_TAGS = {"script", "style", "template", "head"}
_SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}
_DOWNLOADS = (".pdf", ".xlsx", ".csv", ".ics", ".json", ".zip", ".png", ".svg", ".jsonld")
_NOT_PAGES = ("/logout", "/static/", "/media/", "/api/", "/admin/", "/language", "/i18n/")


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.nodes: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hidden") is not None and tag not in ("input",):
            return
        for name in _SHOWN_ATTRIBUTES & set(attrs):
            self.parts.append(attrs[name] or "")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)
            if data.strip():
                self.nodes.append(data.strip())


def visible(html: str) -> tuple[str, list[str]]:
    """The text a reader sees on a page, and the page's links."""
    text, _nodes, links = visible_parts(html)
    return text, links


def visible_parts(html: str) -> tuple[str, list[str], list[str]]:
    """The text a reader sees, its separate text nodes (cells, options, labels), and links."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), parser.nodes, parser.links


def raw_codes(text: str, nodes=(), english_values: set[str] = frozenset()) -> list[str]:
    """``snake_case`` tokens anywhere in ``text``, and text nodes that are nothing but a known
    English choice value (a cell reading ``other`` or ``draft``)."""
    found = SNAKE.findall(text)
    found += [n for n in nodes if n.strip(" .,:;·()") in english_values]
    return sorted(set(found))


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client, starts=("/",), limit: int = 120, per_pattern: int = 2, downloads=None):
    """Yield (url, response) for the pages reachable from ``starts`` by links: HTML pages of
    the site only, each URL shape (digits counted as one) at most ``per_pattern`` times.
    Links to files (.pdf, .xlsx …) are added to the ``downloads`` set when one is given."""
    starts = [starts] if isinstance(starts, str) else list(starts)
    seen, queue, shapes = set(starts), list(starts), Counter()
    pages = 0
    while queue and pages < limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code in (301, 302):
            target = response["Location"]
            if url in starts and target not in seen and target.startswith("/"):
                seen.add(target)
                queue.append(target)
            continue
        pages += 1
        yield url, response
        if "text/html" not in response.get("Content-Type", ""):
            continue
        _text, links = visible(response.content.decode())
        for href in links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not parts.path.startswith("/") or path in seen:
                continue
            if parts.path.endswith(_DOWNLOADS) or parts.path.endswith("/pdf/"):
                if downloads is not None and not parts.path.startswith(_NOT_PAGES):
                    downloads.add(path)
                continue
            if parts.path.startswith(_NOT_PAGES):
                continue
            if "lang=" in parts.query or "format=" in parts.query:
                continue
            if shapes[_pattern(parts.path)] >= per_pattern:
                continue
            shapes[_pattern(parts.path)] += 1
            seen.add(path)
            queue.append(path)


def workbook_text(content: bytes) -> list[tuple[str, str]]:
    """(where, text) of every visible sheet name, cell and drop-down list entry of a workbook."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    shown = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        shown.append((f"sheet {sheet.title}", sheet.title))
        hidden_rows = {i for i, d in sheet.row_dimensions.items() if d.hidden}
        hidden_cols = {k for k, d in sheet.column_dimensions.items() if d.hidden}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.row in hidden_rows:
                    continue
                if cell.column_letter in hidden_cols:
                    continue
                shown.append((f"{sheet.title}!{cell.coordinate}", str(cell.value)))
        for rule in sheet.data_validations.dataValidation:
            if rule.type == "list" and rule.formula1:
                shown += _list_values(book, rule.formula1)
    return shown


def _list_values(book, formula: str) -> list[tuple[str, str]]:
    match = re.match(r"'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)", formula)
    if not match:
        return [("list", v) for v in formula.strip('"').split(",")]
    sheet, column, first, last = match[1], match[2], int(match[3]), int(match[4])
    cells = book[sheet][f"{column}{first}:{column}{last}"]
    return [(f"list {sheet}!{column}", str(row[0].value)) for row in cells if row[0].value]


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)

"""Certificate PDFs: many certificates laid out as one document, then split into one file each.

Laying out a batch at once shares the cost of parsing CSS and loading fonts; batches render
in parallel worker processes, which receive plain HTML and never touch the database.
"""

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context


def pages_to_pdfs(html: str) -> list[bytes]:
    # Lazy: WeasyPrint is heavy and needed only when a PDF is built.
    from weasyprint import HTML

    document = HTML(string=html).render()
    return [document.copy([page]).write_pdf() for page in document.pages]


def render_batches(batches: list[str], workers: int | None = None):
    """Yield the PDFs of each HTML batch, in order; in parallel when there are several."""
    workers = min(workers or os.cpu_count() or 1, len(batches))
    if workers <= 1:
        for html in batches:
            yield pages_to_pdfs(html)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        yield from pool.map(pages_to_pdfs, batches)

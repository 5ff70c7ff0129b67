"""PDF documents of the readiness app: product footprints and the VSME report."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .footprints import footprints_for
from .vsme import datapoints, workbook


def _pdf(template: str, context: dict) -> bytes:
    # Lazy: WeasyPrint is heavy and needed only when a PDF is built.
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


def footprints_pdf(organisation, language: str) -> bytes | None:
    with translation.override(language):
        found = footprints_for(organisation)
        if found is None:
            return None
        context = {
            "organisation": organisation,
            "fp": found,
            "language": language,
            "today": timezone.localdate(),
        }
        return _pdf("readiness/footprints_document.html", context)


def vsme_pdf(organisation, language: str) -> bytes:
    with translation.override(language):
        context = {
            "organisation": organisation,
            "vsme": datapoints(organisation),
            "language": language,
            "today": timezone.localdate(),
        }
        return _pdf("readiness/vsme_document.html", context)


def vsme_xlsx(organisation, language: str) -> bytes:
    with translation.override(language):
        return workbook(organisation, datapoints(organisation))

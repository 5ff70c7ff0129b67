"""Headline figures for the home pages of programme staff and funders."""

from django.utils import translation

from dekvep.impact.home import figures

from . import factories as f


def test_it_gives_headline_figures_with_links_to_the_funder(programme, people):
    f.CertificateFactory.create_batch(2, event__programme=programme)
    with translation.override("en"):
        headline = {str(item["label"]): item for item in figures(people["funder"], programme)}
    assert headline["Certificates issued"]["value"] == "2"
    assert headline["Certificates issued"]["url"].startswith("/impact/figures/certificates_issued/")


def test_it_gives_no_figures_to_a_firm_member(programme, people):
    assert figures(people["firm_member"], programme) == []

"""Headline figures for the role home pages of programme staff and funder viewers."""

from dekvep.core.rules import is_funder_viewer, is_programme_staff

from .figures import get_figure
from .presenters import figure_url, formatted
from .registry import prefetch
from .services import targets_of

HEADLINE = (
    "firms_selected",
    "collaboration_opportunities",
    "synergies_active",
    "tco2e_avoided_per_year",
    "seminar_participants",
    "certificates_issued",
)


def figures(user, programme) -> list[dict]:
    if programme is None or not (
        is_programme_staff(user, programme) or is_funder_viewer(user, programme)
    ):
        return []
    # The staff dashboard shows these and the figures with targets: read them all together.
    keys = [*HEADLINE, *targets_of(programme)]
    prefetch([figure for key in keys if (figure := get_figure(key)) is not None], programme)
    result = []
    for key in HEADLINE:
        figure = get_figure(key)
        if figure is None or not figure.wired:
            continue
        value = figure.compute(programme)
        result.append(
            {
                "label": figure.label,
                "value": formatted(value, figure.decimals),
                "url": figure_url(figure, programme),
            }
        )
    return result

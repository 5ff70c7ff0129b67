"""core.batch: many querysets answered in one statement, as each would answer alone."""

from django.db.models import Count

from dekvep.core.batch import rows
from dekvep.core.models import Participation

from ..factories import OrganisationFactory, ParticipationFactory


def _by_sector(programme):
    return (
        Participation.objects.filter(programme=programme)
        .values("sector")
        .annotate(n=Count("id"))
        .order_by("sector")
    )


def test_rows_answer_each_values_queryset_in_one_statement(programme, django_assert_num_queries):
    for sector in ("textile", "textile", "plastics"):
        ParticipationFactory(programme=programme, organisation=OrganisationFactory(), sector=sector)
    firms = Participation.objects.filter(programme=programme).values("organisation__name")
    expected = {"sectors": list(_by_sector(programme)), "firms": list(firms.order_by("pk"))}
    with django_assert_num_queries(1):
        found = rows(
            {
                "sectors": _by_sector(programme),
                "firms": firms.order_by("pk"),
                "none": _by_sector(programme).none(),
                "empty": _by_sector(programme).filter(sector="food"),
            }
        )
    assert found["sectors"] == [{"sector": "plastics", "n": 1}, {"sector": "textile", "n": 2}]
    assert found["sectors"] == expected["sectors"]
    assert found["firms"] == expected["firms"]
    assert found["none"] == [] and found["empty"] == []

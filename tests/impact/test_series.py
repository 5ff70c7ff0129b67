"""Monthly series from the records' own dates, and the bar chart drawn from them."""

import datetime

from django.utils import timezone, translation

from dekvep.impact.figures import get_figure
from dekvep.impact.selectors import monthly
from dekvep.web.charts import monthly_chart

from . import factories as f


def at(year, month, day=10):
    return timezone.make_aware(datetime.datetime(year, month, day, 10))


def test_it_counts_records_per_month_with_empty_months_as_zero(programme):
    for when in [at(2022, 1, 5), at(2022, 1, 25), at(2022, 3, 1)]:
        f.EventFactory(programme=programme, starts_at=when, ends_at=when)
    series = monthly(get_figure("seminars"), programme)
    assert series == [
        (datetime.date(2022, 1, 1), 2.0),
        (datetime.date(2022, 2, 1), 0.0),
        (datetime.date(2022, 3, 1), 1.0),
    ]


def test_it_sums_people_reached_per_month(programme):
    f.OutreachFactory(programme=programme, held_on=datetime.date(2022, 5, 3), students=40)
    f.OutreachFactory(programme=programme, held_on=datetime.date(2022, 5, 20), students=10)
    series = monthly(get_figure("outreach_people"), programme)
    assert series == [(datetime.date(2022, 5, 1), 60.0)]  # 40 + 5 + 10 + 5 teachers


def test_it_draws_the_tallest_bar_to_the_top_of_the_scale():
    series = [(datetime.date(2022, 1, 1), 20.0), (datetime.date(2022, 2, 1), 5.0)]
    with translation.override("en"):
        chart = monthly_chart(series)
    tall, short = chart.bars
    assert tall.y == chart.ticks[-1].y
    assert short.height == tall.height / 4
    assert [tick.label for tick in chart.ticks] == ["0", "10", "20"]
    assert tall.label == "January 2022"

"""One number and date format per language, in Istanbul time; labels instead of codes."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from dekvep.core import formatting, i18n

UTC = datetime.UTC
LATE_UTC = datetime.datetime(2022, 2, 28, 21, 30, tzinfo=UTC)  # 1 March 00:30 in Istanbul


@pytest.mark.parametrize(
    ("language", "number", "percent", "date", "moment"),
    [
        ("tr", "1.234,5", "%36", "01.03.2022", "01.03.2022 00:30"),
        ("en", "1,234.5", "36%", "1 Mar 2022", "1 Mar 2022 00:30"),
    ],
)
def test_one_format_per_language(language, number, percent, date, moment):
    assert formatting.format_number(1234.5, language=language) == number
    assert formatting.format_percent(36, language=language) == percent
    assert formatting.format_share(0.36, language=language) == percent
    assert formatting.format_date(LATE_UTC, language=language) == date
    assert formatting.format_datetime(LATE_UTC, language=language) == moment


def test_numbers_show_as_entered_without_a_trailing_zero():
    assert formatting.format_number(218720.0, language="tr") == "218.720"
    assert formatting.format_number(0.25, language="tr") == "0,25"
    assert formatting.format_number(3, 1, language="en") == "3.0"
    assert formatting.format_number(None) == ""


def test_the_template_filters_follow_the_active_language(db):
    template = Template("{{ n|num }} {{ p|pct }} {{ d|day }} {{ s|label:'sector' }}")
    context = Context({"n": 1234.5, "p": 36, "d": LATE_UTC, "s": "white_goods"})
    with translation.override("tr"):
        assert template.render(context) == "1.234,5 %36 01.03.2022 Beyaz eşya"
    with translation.override("en"):
        assert template.render(context) == "1,234.5 36% 1 Mar 2022 White goods"


def test_django_date_formats_are_the_projects(db):
    template = Template('{{ d|date:"SHORT_DATE_FORMAT" }}')
    with translation.override("tr"):
        assert template.render(Context({"d": datetime.date(2022, 3, 1)})) == "01.03.2022"
    with translation.override("en"):
        assert template.render(Context({"d": datetime.date(2022, 3, 1)})) == "1 Mar 2022"


def test_pick_falls_back_to_the_other_language():
    assert i18n.pick("Çalıştay", "", "en") == "Çalıştay"
    assert i18n.pick("", "Workshop", "tr") == "Workshop"
    assert i18n.pick("Çalıştay", "Workshop", "en") == "Workshop"
    assert i18n.bilingual({"title_tr": "Çalıştay", "title_en": ""}, "title", "en") == "Çalıştay"


def test_labels_of_codes_in_both_languages(db):
    assert i18n.label("natural_gas", "inventory", "tr") == "Doğal gaz"
    status = "plans.CollaborationOpportunity.status"
    assert i18n.label("in_discussion", status, "en") == "In discussion"
    assert i18n.label("status_in_discussion", "audit_action", "tr").startswith("durum")
    assert i18n.label("symbiosis", "app", "tr") == "Endüstriyel simbiyoz"


def test_form_labels_capitalise_a_turkish_i_with_its_dot():
    from django.utils import translation

    from dekvep.assessment.forms import ProgrammeSettingsForm

    with translation.override("tr"):
        assert str(ProgrammeSettingsForm().fields["discount_rate"].label).startswith("İskonto")
    with translation.override("en"):
        assert str(ProgrammeSettingsForm().fields["discount_rate"].label).startswith("Discount")

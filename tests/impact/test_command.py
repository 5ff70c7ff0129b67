"""``dekvep impact`` prints the programme's figures as JSON or as a table."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dekvep.impact.figures import KEYS

from . import factories as f


def run(*args) -> str:
    out = io.StringIO()
    call_command("impact", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_key_of_the_summary_as_json(programme):
    f.EventFactory.create_batch(3, programme=programme)
    document = json.loads(run("--programme", "test-2022"))
    assert list(document) == ["programme", *KEYS]
    assert document["programme"] == "test-2022"
    assert document["seminars"] == 3


def test_it_defaults_to_the_newest_programme(programme):
    from tests.factories import ProgrammeFactory

    older = ProgrammeFactory(slug="old-2019", starts_on="2019-01-01")
    f.EventFactory(programme=older)
    assert json.loads(run())["programme"] == "test-2022"


def test_it_prints_a_table_with_labels_and_units(programme):
    f.OutreachFactory(programme=programme, students=600, teachers=60)
    table = run("--programme", "test-2022", "--format", "table", "--language", "en")
    line = next(row for row in table.splitlines() if row.startswith("outreach_people"))
    assert "Students and teachers reached" in line
    assert "660" in line


def test_it_refuses_an_unknown_programme_by_name(programme):
    with pytest.raises(CommandError, match="nope"):
        run("--programme", "nope")


def test_it_says_when_there_is_no_programme(db):
    with pytest.raises(CommandError, match="no programme"):
        run()

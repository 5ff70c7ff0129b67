"""Workshops: creation, attendance, files, and the prioritisation vote."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dekvep.roadmaps import services
from dekvep.roadmaps.models import Workshop
from dekvep.roadmaps.selectors import vote_results, workshop_attendance

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def test_it_creates_a_workshop_with_the_facilitator_running_it(programme, people):
    workshop = services.create_workshop(
        people["facilitator"],
        programme,
        title="Plastik 1",
        sector="plastics",
        starts_at=timezone.now(),
        place="Dudullu OSB",
    )
    assert list(workshop.facilitators.all()) == [people["facilitator"]]


def test_it_refuses_a_workshop_without_place_or_link(programme, people):
    with pytest.raises(ValidationError) as error:
        services.create_workshop(
            people["manager"], programme, title="X", sector="textile", starts_at=timezone.now()
        )
    assert "place" in error.value.message_dict


def test_it_refuses_a_sector_outside_the_programme(programme, people):
    with pytest.raises(ValidationError) as error:
        services.create_workshop(
            people["manager"],
            programme,
            title="X",
            sector="food",
            starts_at=timezone.now(),
            place="Salon",
        )
    assert "priority sector" in error.value.message_dict["sector"][0]


def test_it_lets_a_facilitator_edit_only_their_workshops(world, people):
    services.update_workshop(people["facilitator"], world.workshop, notes="Good session")
    with pytest.raises(PermissionDenied):
        services.update_workshop(people["facilitator"], world.other_workshop, notes="Not mine")


def test_it_records_attendance_that_counts_for_people_and_firms(world, people, firm):
    services.record_attendance(
        people["facilitator"], world.workshop, people=[people["firm_member"]], organisations=[firm]
    )
    assert list(workshop_attendance(people["firm_member"])) == [world.workshop]
    assert list(workshop_attendance(firm)) == [world.workshop]
    assert list(workshop_attendance(people["firm_admin"])) == []


def test_it_refuses_attendance_before_the_workshop(world, people, firm):
    world.workshop.starts_at = timezone.now() + datetime.timedelta(days=3)
    world.workshop.save()
    with pytest.raises(ValidationError):
        services.record_attendance(people["facilitator"], world.workshop, organisations=[firm])


def test_it_stores_a_photo(world, people):
    upload = SimpleUploadedFile("room.png", PNG, content_type="image/png")
    item = services.add_workshop_file(
        people["facilitator"], world.workshop, upload, "photo", "Room"
    )
    assert item.size == len(PNG) and world.workshop.files.get().title == "Room"


def test_it_refuses_a_photo_that_is_a_pdf(world, people):
    upload = SimpleUploadedFile("room.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.add_workshop_file(people["facilitator"], world.workshop, upload, "photo")
    assert ".pdf is not accepted" in error.value.message_dict["file"][0]


def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(world, people):
    upload = SimpleUploadedFile("notes.pdf", b"MZ executable", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.add_workshop_file(people["facilitator"], world.workshop, upload, "document")
    assert "not a real .pdf" in error.value.message_dict["file"][0]


def test_it_refuses_a_photo_that_is_too_large(world, people):
    upload = SimpleUploadedFile("big.png", PNG + b"0" * services.PHOTO_MAX_BYTES)
    with pytest.raises(ValidationError) as error:
        services.add_workshop_file(people["facilitator"], world.workshop, upload, "photo")
    assert "the limit is" in error.value.message_dict["file"][0]


def test_it_counts_votes_spread_over_proposals(world, people):
    water, fibre, energy = world.items
    services.cast_votes(people["firm_member"], world.workshop, {water.pk: 3, fibre.pk: 2})
    services.cast_votes(people["firm_admin"], world.workshop, {fibre.pk: 5})
    results = {r["title"]: (r["votes"], r["rank"]) for r in vote_results(world.workshop)}
    assert results == {"Fibre recycling": (7, 1), "Water reuse": (3, 2), "Energy audit": (0, 3)}


def test_it_refuses_votes_beyond_the_allowance(world, people):
    water, fibre, _energy = world.items
    with pytest.raises(ValidationError) as error:
        services.cast_votes(people["firm_member"], world.workshop, {water.pk: 4, fibre.pk: 2})
    assert error.value.message_dict["votes"] == ["You gave 6 votes; each participant has 5."]
    assert vote_results(world.workshop)[0]["votes"] == 0


def test_it_replaces_a_participants_earlier_votes(world, people):
    water, fibre, _energy = world.items
    services.cast_votes(people["firm_member"], world.workshop, {water.pk: 5})
    services.cast_votes(people["firm_member"], world.workshop, {fibre.pk: 4})
    results = {r["title"]: r["votes"] for r in vote_results(world.workshop)}
    assert results["Water reuse"] == 0 and results["Fibre recycling"] == 4


def test_it_refuses_negative_votes(world, people):
    water, fibre, _energy = world.items
    with pytest.raises(ValidationError):
        services.cast_votes(people["firm_member"], world.workshop, {water.pk: 6, fibre.pk: -1})


def test_it_refuses_votes_from_someone_not_invited(world, people):
    with pytest.raises(PermissionDenied):
        services.cast_votes(people["other_firm_member"], world.workshop, {world.items[0].pk: 1})


def test_it_refuses_votes_when_voting_is_closed(world, people):
    services.change_voting(people["facilitator"], world.workshop, Workshop.Voting.CLOSED)
    with pytest.raises(ValidationError) as error:
        services.cast_votes(people["firm_member"], world.workshop, {world.items[0].pk: 1})
    assert error.value.message_dict["votes"] == ["Voting is not open."]


def test_it_stores_the_ranked_outcome_when_voting_closes(world, people):
    services.cast_votes(people["firm_member"], world.workshop, {world.items[2].pk: 5})
    workshop = services.change_voting(people["facilitator"], world.workshop, "closed")
    workshop.refresh_from_db()
    assert workshop.outcome[0] == {
        "rank": 1,
        "item": world.items[2].pk,
        "title": "Energy audit",
        "votes": 5,
        "voters": 1,
    }
    assert workshop.voting_closed_at is not None


def test_it_does_not_open_a_vote_without_proposals(programme, people):
    workshop = services.create_workshop(
        people["manager"],
        programme,
        title="Empty",
        sector="textile",
        starts_at=timezone.now(),
        place="Salon",
    )
    with pytest.raises(ValidationError) as error:
        services.change_voting(people["manager"], workshop, "open")
    assert "at least one proposal" in error.value.message_dict["voting"][0]


def test_it_notifies_invited_people_when_voting_opens(programme, people, firm):
    _reads_english(people["firm_member"])
    workshop = services.create_workshop(
        people["manager"],
        programme,
        title="W",
        sector="textile",
        starts_at=timezone.now(),
        place="Salon",
        invited_people=[people["firm_member"]],
    )
    services.add_vote_item(people["manager"], workshop, "Proposal")
    services.change_voting(people["manager"], workshop, "open")
    subjects = list(people["firm_member"].notifications.values_list("subject", flat=True))
    assert subjects == ["Voting is open: W"]


def test_it_keeps_the_allowance_once_voting_started(world, people):
    with pytest.raises(ValidationError) as error:
        services.update_workshop(people["facilitator"], world.workshop, vote_allowance=10)
    assert "vote_allowance" in error.value.message_dict


def _reads_english(user):
    """The recipient reads English, so notifications reach them in English."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])

"""The pages: voting live, publishing, progress with evidence, follow-ups, the register."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from dekvep.plans.models import Action, ProgressUpdate
from dekvep.roadmaps.models import RoadmapVersion, Vote
from tests.conftest import client_for

PDF = b"%PDF-1.4\n" + b"x" * 100


def test_it_speaks_turkish_by_default(world, people):
    client = Client()
    client.force_login(people["manager"])
    body = client.get("/roadmaps/workshops/").content.decode()
    assert "Çalıştaylar" in body and "Yeni çalıştay" in body


def test_it_saves_votes_from_the_live_ballot(world, people):
    water, fibre, _energy = world.items
    response = client_for(people["firm_member"]).post(
        f"/roadmaps/workshops/{world.workshop.pk}/vote/",
        {f"item_{water.pk}": "2", f"item_{fibre.pk}": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert "Your votes are saved." in response.content.decode()
    assert response["HX-Trigger"] == "votes-saved"
    assert sorted(Vote.objects.values_list("count", flat=True)) == [2, 3]


def test_it_shows_the_allowance_error_in_the_ballot(world, people):
    water, fibre, _energy = world.items
    response = client_for(people["firm_member"]).post(
        f"/roadmaps/workshops/{world.workshop.pk}/vote/",
        {f"item_{water.pk}": "4", f"item_{fibre.pk}": "4"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "You gave 8 votes; each participant has 5." in body and 'value="4"' in body
    assert not Vote.objects.exists()


def test_it_refuses_a_ballot_without_htmx_with_a_400(world, people):
    response = client_for(people["firm_member"]).post(
        f"/roadmaps/workshops/{world.workshop.pk}/vote/", {f"item_{world.items[0].pk}": "x"}
    )
    assert response.status_code == 400
    assert "must be a whole number" in response.content.decode()


def test_it_polls_results_while_voting_is_open(world, people):
    Vote.objects.create(item=world.items[1], voter=people["firm_admin"], count=4)
    body = (
        client_for(people["facilitator"])
        .get(f"/roadmaps/workshops/{world.workshop.pk}/results/")
        .content.decode()
    )
    assert 'hx-trigger="every 3s, votes-saved from:body"' in body
    assert "1 participant has voted." in body and '<strong class="result-votes">4</strong>' in body


def test_it_stops_polling_and_shows_the_outcome_after_closing(world, people):
    client = client_for(people["facilitator"])
    client.post(f"/roadmaps/workshops/{world.workshop.pk}/voting/closed/")
    body = client.get(f"/roadmaps/workshops/{world.workshop.pk}/").content.decode()
    assert "Outcome stored" in body and "every 3s" not in body


def test_it_forbids_a_facilitator_to_edit_another_facilitators_workshop(world, people):
    response = client_for(people["facilitator"]).post(
        f"/roadmaps/workshops/{world.other_workshop.pk}/voting/open/"
    )
    assert response.status_code == 403
    world.other_workshop.refresh_from_db()
    assert world.other_workshop.voting == "not_started"


def test_it_tells_the_facilitator_a_photo_has_the_wrong_type(world, people):
    upload = SimpleUploadedFile("agenda.docx", b"PK\x03\x04rest")
    response = client_for(people["facilitator"]).post(
        f"/roadmaps/workshops/{world.workshop.pk}/files/",
        {"kind": "photo", "file": upload},
        follow=True,
    )
    assert "File type .docx is not accepted" in response.content.decode()
    assert not world.workshop.files.exists()


def test_it_publishes_a_roadmap_after_consultation(world, people):
    world.draft.goals.create(title="Reuse 50% of rinse water")
    client = client_for(people["manager"])
    client.post(f"/roadmaps/versions/{world.draft.pk}/status/consultation/")
    response = client.post(f"/roadmaps/versions/{world.draft.pk}/status/published/", follow=True)
    assert "The version is now: Published" in response.content.decode()
    assert world.roadmap.published_version() == world.draft


def test_it_says_why_a_roadmap_cannot_be_published(world, people):
    response = client_for(people["manager"]).post(
        f"/roadmaps/versions/{world.draft.pk}/status/consultation/", follow=True
    )
    assert "Add at least one strategic goal" in response.content.decode()


def test_it_turns_an_edit_of_a_published_version_into_a_new_version(world, people):
    world.draft.delete()
    response = client_for(people["manager"]).post(
        f"/roadmaps/versions/{world.published.pk}/edit/",
        {"vision": "New words", "summary": ""},
        follow=True,
    )
    body = response.content.decode()
    assert "Version 1 is published and stays unchanged" in body and "New words" in body
    assert RoadmapVersion.objects.get(pk=world.published.pk).vision == "Textile vision 2030"


def test_it_takes_a_firm_comment_during_consultation(world, people):
    world.draft.goals.create(title="G")
    world.draft.status = "consultation"
    world.draft.save()
    response = client_for(people["firm_member"]).post(
        f"/roadmaps/versions/{world.draft.pk}/comments/",
        {"text": "Include dye-house sludge"},
        follow=True,
    )
    assert "Include dye-house sludge" in response.content.decode()


def test_it_saves_progress_with_evidence_from_the_action_page(world, people):
    response = client_for(people["firm_member"]).post(
        f"/roadmaps/actions/{world.action.pk}/progress/",
        {
            "date": timezone.localdate().isoformat(),
            "note": "Two meters installed",
            "value": "2/5",
            "status": "in_progress",
            "evidence": SimpleUploadedFile("invoice.pdf", PDF),
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Two meters installed" in body and "Evidence" in body and "In progress" in body


def test_it_refuses_evidence_of_the_wrong_type_on_the_page(world, people):
    response = client_for(people["firm_member"]).post(
        f"/roadmaps/actions/{world.action.pk}/progress/",
        {
            "date": timezone.localdate().isoformat(),
            "note": "x",
            "evidence": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert response.status_code == 400
    assert "File type .exe is not accepted" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_it_refuses_a_due_date_before_the_start_in_the_form(world, people, firm):
    response = client_for(people["manager"]).post(
        f"/roadmaps/plans/{world.sector_plan.pk}/actions/new/",
        {
            "title": "Bad dates",
            "owner_organisation": firm.pk,
            "start_date": "2023-06-01",
            "due_date": "2023-05-01",
        },
    )
    assert (
        "The due date (1 May 2023) is before the start date (1 Jun 2023)."
        in response.content.decode()
    )
    assert not Action.objects.filter(title="Bad dates").exists()


def test_it_turns_a_need_into_a_follow_up_with_instruments(world, people, firm):
    client = client_for(people["facilitator"])
    client.post(
        f"/roadmaps/cluster-meetings/{world.meeting.pk}/needs/",
        {"type": "technology", "title": "Fibre sorting technology", "organisations": [firm.pk]},
    )
    need = world.meeting.needs.get()
    page = client.get(f"/roadmaps/needs/{need.pk}/follow-up/").content.decode()
    assert "TÜBİTAK 1707" in page
    due = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    response = client.post(
        f"/roadmaps/needs/{need.pk}/follow-up/",
        {"title": "Pilot NIR sorter", "owner_organisation": firm.pk, "due_date": due},
        follow=True,
    )
    assert "Pilot NIR sorter" in response.content.decode()
    assert "Cluster meeting" in response.content.decode()


def test_it_updates_an_opportunity_in_the_register(world, people):
    response = client_for(people["analyst"]).post(
        f"/roadmaps/register/{world.opportunity.pk}/status/",
        {"status": "agreed", "next_step": "Sign supply contract"},
        follow=True,
    )
    body = response.content.decode()
    assert "Agreed" in body and "Sign supply contract" in body


def test_it_names_the_other_party_once_both_agreed(world, people):
    world.opportunity.status = "agreed"
    world.opportunity.save()
    body = client_for(people["firm_member"]).get("/roadmaps/register/").content.decode()
    assert "Rakip Plastik A.Ş." in body


def test_it_draws_the_timeline_as_svg_without_inline_styles(world, people):
    body = client_for(people["manager"]).get("/roadmaps/actions/timeline/").content.decode()
    assert "<svg" in body and 'class="bar planned' in body and "style=" not in body


def test_it_records_attendance_from_the_page(world, people, firm):
    client_for(people["facilitator"]).post(
        f"/roadmaps/workshops/{world.workshop.pk}/attendance/",
        {"attending_organisations": [firm.pk], "attending_people": [people["firm_member"].pk]},
    )
    body = (
        client_for(people["manager"])
        .get(f"/roadmaps/workshops/{world.workshop.pk}/")
        .content.decode()
    )
    assert "1 people from 1 firms" in body


def test_it_shows_a_funder_with_an_organisation_the_figures_only(world, people):
    from dekvep.core.models import Organisation
    from tests.factories import MembershipFactory, OrganisationFactory

    fund = OrganisationFactory(name="Kalkınma Fonu", kind=Organisation.Kind.FUNDER, sector="")
    MembershipFactory(organisation=fund, user=people["funder"])
    client = client_for(people["funder"])
    assert client.get("/roadmaps/register/").status_code == 403
    assert client.get("/roadmaps/").url == "/roadmaps/figures/"
    assert (
        "Collaboration opportunities by type and status"
        in client.get("/roadmaps/figures/").content.decode()
    )


@pytest.mark.parametrize(
    ("role", "gets_file"),
    [
        ("anonymous", False),
        ("firm_member", True),
        ("other_firm_member", False),
        ("provider", False),
        ("funder", False),
        ("manager", True),
    ],
)
def test_it_serves_evidence_only_to_those_who_may_see_the_action(world, people, role, gets_file):
    client_for(people["firm_member"]).post(
        f"/roadmaps/actions/{world.action.pk}/progress/",
        {
            "date": timezone.localdate().isoformat(),
            "note": "Meters installed",
            "evidence": SimpleUploadedFile("invoice.pdf", PDF),
        },
    )
    update = ProgressUpdate.objects.get()
    response = client_for(people[role]).get(f"/roadmaps/evidence/{update.pk}/")
    if gets_file:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
    else:
        assert response.status_code in (302, 404)
        assert not hasattr(response, "streaming_content")

"""Sector roadmap versions: draft → consultation → published, never edited once published."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dekvep.core.models import AuditEntry
from dekvep.roadmaps import services
from dekvep.roadmaps.models import RoadmapVersion


def _draft_with_goal(programme, people, sector="white_goods"):
    version = services.create_roadmap(
        people["manager"], programme, sector, "WG roadmap", vision="Circular white goods"
    )
    services.add_goal(
        people["manager"],
        version,
        title="Recycle 90% of metal scrap",
        indicator="Metal scrap recycled",
        unit="%",
        baseline=60,
        target_value=90,
        baseline_year=2022,
        target_year=2030,
    )
    return version


def test_it_moves_a_version_from_draft_to_consultation_to_published(programme, people):
    version = _draft_with_goal(programme, people)
    services.change_version_status(people["manager"], version, "consultation")
    version = services.change_version_status(people["manager"], version, "published")
    assert version.status == "published" and version.published_at is not None
    actions = AuditEntry.objects.filter(
        object_id=str(version.pk), object_type="roadmaps.roadmapversion"
    )
    assert {"status_consultation", "status_published"} <= set(
        actions.values_list("action", flat=True)
    )


def test_it_does_not_publish_a_draft_straight_away(programme, people):
    version = _draft_with_goal(programme, people)
    with pytest.raises(ValidationError) as error:
        services.change_version_status(people["manager"], version, "published")
    assert "cannot go from" in error.value.message_dict["status"][0]


def test_it_refuses_to_share_a_roadmap_without_goals(programme, people):
    version = services.create_roadmap(people["manager"], programme, "plastics", "P", vision="V")
    with pytest.raises(ValidationError) as error:
        services.change_version_status(people["manager"], version, "consultation")
    assert "goals" in error.value.message_dict


def test_it_makes_a_new_version_when_a_published_one_is_edited(world, people):
    new = services.update_version(people["manager"], world.published, vision="Sharper vision")
    world.published.refresh_from_db()
    assert world.published.vision == "Textile vision 2030"
    assert new.pk == world.draft.pk and new.vision == "Sharper vision"


def test_it_copies_goals_barriers_and_actions_into_the_new_version(programme, people):
    version = _draft_with_goal(programme, people)
    barrier = services.add_barrier(people["manager"], version, "No take-back scheme")
    services.add_measure(
        people["manager"], version, "Set up take-back", goal=version.goals.get(), barriers=[barrier]
    )
    services.change_version_status(people["manager"], version, "consultation")
    services.change_version_status(people["manager"], version, "published")
    new = services.update_version(people["manager"], version, summary="Revised after year 1")
    measure = new.measures.get()
    assert (new.number, new.status, new.goals.count()) == (2, "draft", 1)
    assert measure.goal.version_id == new.pk and measure.barriers.get().version_id == new.pk


def test_it_refuses_to_add_a_goal_to_a_published_version(world, people):
    with pytest.raises(ValidationError) as error:
        services.add_goal(people["manager"], world.published, title="Late goal")
    assert error.value.message_dict["version"] == [
        "Version 1 is published and is never edited; start a new version to change it."
    ]


def test_it_refuses_a_target_year_before_the_baseline_year(world, people):
    with pytest.raises(ValidationError) as error:
        services.add_goal(
            people["manager"], world.draft, title="G", baseline_year=2025, target_year=2020
        )
    assert "target_year" in error.value.message_dict


def test_it_takes_firm_comments_only_during_consultation(world, people):
    with pytest.raises(ValidationError):
        services.comment_on_roadmap(people["firm_member"], world.draft, "Too early")
    world.draft.goals.create(title="G")
    services.change_version_status(people["manager"], world.draft, "consultation")
    comment = services.comment_on_roadmap(people["firm_member"], world.draft, "Add dye recovery")
    assert comment.organisation.name == "Boğaziçi Örme A.Ş."


def test_it_refuses_comments_from_a_firm_of_another_sector(world, people):
    world.draft.goals.create(title="G")
    services.change_version_status(people["manager"], world.draft, "consultation")
    with pytest.raises(PermissionDenied):
        services.comment_on_roadmap(people["other_firm_member"], world.draft, "Not my sector")


def test_it_notifies_sector_firms_when_a_roadmap_is_published(world, people):
    _reads_english(people["firm_member"])
    world.draft.goals.create(title="G")
    services.change_version_status(people["manager"], world.draft, "consultation")
    services.change_version_status(people["manager"], world.draft, "published")
    assert (
        people["firm_member"]
        .notifications.filter(subject="Roadmap published: Textile roadmap")
        .exists()
    )
    assert not people["other_firm_member"].notifications.exists()


def test_it_returns_the_open_draft_instead_of_starting_another(world, people):
    assert services.start_new_version(people["manager"], world.roadmap) == world.draft
    assert world.roadmap.versions.count() == 2


def test_it_keeps_the_facilitator_from_publishing_for_another_programme(world, people):
    from tests.factories import ProgrammeFactory

    other = ProgrammeFactory()
    with pytest.raises(PermissionDenied):
        services.create_roadmap(people["facilitator"], other, "textile", "X")


def test_it_allows_one_roadmap_per_sector(world, people, programme):
    with pytest.raises(ValidationError) as error:
        services.create_roadmap(people["manager"], programme, "textile", "Second")
    assert "already has a roadmap" in error.value.message_dict["sector"][0]
    assert RoadmapVersion.objects.filter(roadmap__sector="textile").count() == 2


def _reads_english(user):
    """The recipient reads English, so notifications reach them in English."""
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])

"""The API does what the pages do: voting, versions, actions with evidence, meetings, register."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import client_for

PDF = b"%PDF-1.4\n" + b"x" * 100


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def _put(client, url, data):
    return client.put(url, json.dumps(data), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_it_runs_a_vote_through_the_api(programme, firm, people):
    staff = client_for(people["facilitator"])
    created = _post(
        staff,
        "/api/roadmaps/workshops",
        {
            "title": "API workshop",
            "sector": "textile",
            "starts_at": timezone.now().isoformat(),
            "place": "Salon",
            "vote_allowance": 3,
            "invited_organisations": [firm.pk],
        },
    ).json()
    item = _post(
        staff, f"/api/roadmaps/workshops/{created['id']}/proposals", {"title": "Reuse"}
    ).json()
    assert (
        _post(staff, f"/api/roadmaps/workshops/{created['id']}/voting", {"to": "open"}).json()[
            "voting"
        ]
        == "open"
    )
    firm_client = client_for(people["firm_member"])
    too_many = _put(
        firm_client, f"/api/roadmaps/workshops/{created['id']}/votes", {"votes": {item["id"]: 4}}
    )
    assert too_many.status_code == 400
    assert too_many.json()["errors"] == [
        {"field": "votes", "message": "You gave 4 votes; each participant has 3."}
    ]
    result = _put(
        firm_client, f"/api/roadmaps/workshops/{created['id']}/votes", {"votes": {item["id"]: 3}}
    ).json()
    assert result["results"][0]["votes"] == 3 and result["my_votes"] == {str(item["id"]): 3}


def test_it_refuses_an_unknown_organisation_by_field(programme, people):
    response = _post(
        client_for(people["manager"]),
        "/api/roadmaps/workshops",
        {
            "title": "X",
            "sector": "textile",
            "starts_at": timezone.now().isoformat(),
            "place": "S",
            "invited_organisations": [999999],
        },
    )
    assert response.json()["errors"] == [
        {"field": "invited_organisations", "message": "Unknown id(s): 999999."}
    ]


def test_it_uploads_a_workshop_photo_and_refuses_a_wrong_one(world, people):
    client = client_for(people["facilitator"])
    url = f"/api/roadmaps/workshops/{world.workshop.pk}/files"
    bad = client.post(url, {"kind": "photo", "file": SimpleUploadedFile("x.pdf", PDF)})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "file"
    good = client.post(
        url, {"kind": "document", "title": "Agenda", "file": SimpleUploadedFile("a.pdf", PDF)}
    )
    assert good.status_code == 201 and good.json()["title"] == "Agenda"


def test_it_records_attendance_through_the_api(world, people, firm):
    response = _put(
        client_for(people["facilitator"]),
        f"/api/roadmaps/workshops/{world.workshop.pk}/attendance",
        {"people": [people["firm_member"].pk], "organisations": [firm.pk]},
    )
    assert (response.json()["attending_people"], response.json()["attending_organisations"]) == (
        1,
        1,
    )


def test_it_publishes_and_versions_a_roadmap_through_the_api(programme, people):
    client = client_for(people["manager"])
    version = _post(
        client, "/api/roadmaps/roadmaps", {"sector": "white_goods", "title": "WG", "vision": "V"}
    ).json()
    _post(
        client,
        f"/api/roadmaps/versions/{version['id']}/goals",
        {"title": "Recycle PU foam", "target_year": 2030},
    )
    _post(client, f"/api/roadmaps/versions/{version['id']}/status", {"to": "consultation"})
    published = _post(
        client, f"/api/roadmaps/versions/{version['id']}/status", {"to": "published"}
    ).json()
    assert (
        published["status"] == "published" and published["goals"][0]["title"] == "Recycle PU foam"
    )
    edited = _patch(client, f"/api/roadmaps/versions/{version['id']}", {"vision": "V2"}).json()
    assert (edited["number"], edited["status"], edited["vision"]) == (2, "draft", "V2")
    refused = _post(client, f"/api/roadmaps/versions/{version['id']}/goals", {"title": "Late"})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "version"


def test_it_takes_comments_through_the_api(world, people):
    world.draft.goals.create(title="G")
    world.draft.status = "consultation"
    world.draft.save()
    client = client_for(people["firm_admin"])
    assert (
        _post(
            client, f"/api/roadmaps/versions/{world.draft.pk}/comments", {"text": "Add sludge"}
        ).status_code
        == 201
    )
    assert (
        client.get(f"/api/roadmaps/versions/{world.draft.pk}/comments").json()["items"][0]["text"]
        == "Add sludge"
    )


def test_it_refuses_a_due_date_before_the_start_through_the_api(world, people, firm):
    response = _post(
        client_for(people["manager"]),
        f"/api/roadmaps/plans/{world.sector_plan.pk}/actions",
        {
            "title": "Bad",
            "owner_organisation": firm.pk,
            "start_date": "2024-02-01",
            "due_date": "2024-01-01",
        },
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "due_date"


def test_it_adds_progress_with_evidence_through_the_api(world, people):
    client = client_for(people["firm_member"])
    url = f"/api/roadmaps/actions/{world.action.pk}/updates"
    bad = client.post(url, {"note": "x", "evidence": SimpleUploadedFile("x.exe", b"MZ")})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "evidence"
    good = client.post(
        url,
        {
            "note": "Meters in",
            "status": "in_progress",
            "evidence": SimpleUploadedFile("proof.pdf", PDF),
        },
    )
    assert good.status_code == 201
    assert good.json()["evidence_url"] == f"/roadmaps/evidence/{good.json()['id']}/"
    assert client.get(f"/api/roadmaps/actions/{world.action.pk}").json()["status"] == "in_progress"


def test_it_changes_an_action_status_through_the_api(world, people):
    response = _post(
        client_for(people["firm_member"]),
        f"/api/roadmaps/actions/{world.action.pk}/status",
        {"status": "blocked"},
    )
    assert response.json()["errors"][0]["field"] == "note"


def test_it_runs_a_cluster_meeting_through_the_api(programme, firm, people):
    client = client_for(people["facilitator"])
    meeting = _post(
        client,
        "/api/roadmaps/cluster-meetings",
        {
            "title": "Cluster API",
            "sector": "textile",
            "starts_at": timezone.now().isoformat(),
            "participants": [firm.pk],
        },
    ).json()
    need = _post(
        client,
        f"/api/roadmaps/cluster-meetings/{meeting['id']}/needs",
        {"type": "skill_gap", "title": "LCA training", "organisations": [firm.pk]},
    ).json()
    assert "ebrd-asb" in need["instruments"]
    action = _post(
        client, f"/api/roadmaps/needs/{need['id']}/follow-up", {"owner_organisation": firm.pk}
    ).json()
    assert action["origin"] == "cluster_meeting" and "KOSGEB" in action["funding_source"]


def test_it_keeps_the_register_through_the_api(programme, firm, other_firm, people):
    client = client_for(people["analyst"])
    created = _post(
        client,
        "/api/roadmaps/opportunities",
        {"type": "partnership", "title": "Joint take-back", "parties": [firm.pk, other_firm.pk]},
    ).json()
    updated = _patch(
        client,
        f"/api/roadmaps/opportunities/{created['id']}",
        {"status": "agreed", "next_step": "Sign MoU"},
    ).json()
    assert (updated["status"], updated["next_step"]) == ("agreed", "Sign MoU")
    refused = _patch(
        client_for(people["firm_admin"]),
        f"/api/roadmaps/opportunities/{created['id']}",
        {"status": "realised"},
    )
    assert refused.status_code == 403


def test_it_exports_actions_to_excel_through_the_api(world, people):
    response = client_for(people["manager"]).get("/api/roadmaps/actions/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_an_action_has_a_turkish_and_an_english_name_each_reader_sees_their_own(
    world, people, firm
):
    response = _post(
        client_for(people["manager"]),
        f"/api/roadmaps/plans/{world.sector_plan.pk}/actions",
        {
            "title": "Su sayaçlarını tak",
            "title_en": "Install water meters",
            "description": "Her hatta bir sayaç",
            "owner_organisation": firm.pk,
        },
    )
    assert response.status_code == 201 and response.json()["title_en"] == "Install water meters"
    url = f"/roadmaps/actions/{response.json()['id']}/"
    english = client_for(people["manager"]).get(url).content.decode()
    assert "<h1>Install water meters</h1>" in english
    assert "Her hatta bir sayaç" in english  # no English description: the Turkish one shows
    turkish = client_for(people["manager"])
    turkish.cookies["dekvep_language"] = "tr"
    assert "<h1>Su sayaçlarını tak</h1>" in turkish.get(url).content.decode()

"""The API over the same services: apply, review, decide, outbox, pitch day."""

import datetime
import json

from dekvep.calls.models import Application, Notice
from tests.conftest import client_for

from .conftest import pdf


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_it_applies_and_submits_through_the_api(people, call, firm):
    client = client_for(people["firm_admin"])
    created = _post(
        client,
        f"/api/calls/calls/{call.pk}/applications",
        {"organisation_id": firm.pk, "title": "Su verimliliği"},
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    question = call.questions.get(required=True)
    response = client.patch(
        f"/api/calls/applications/{pk}",
        json.dumps(
            {"answers": {str(question.pk): "Su"}, "declaration_ids": [call.declarations.get().pk]}
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    upload = call.questions.get(kind="file")
    response = client.post(f"/api/calls/applications/{pk}/files/{upload.pk}", {"file": pdf()})
    assert response.json()["answers"][-1]["file"] == f"A-0001-q{upload.pk}.pdf"
    data = _post(client, f"/api/calls/applications/{pk}/submit").json()
    assert data["status"] == "eligible"


def test_it_names_the_missing_question_in_the_api_error(people, call, firm):
    client = client_for(people["firm_admin"])
    pk = _post(
        client,
        f"/api/calls/calls/{call.pk}/applications",
        {"organisation_id": firm.pk, "title": "Su verimliliği"},
    ).json()["id"]
    response = _post(client, f"/api/calls/applications/{pk}/submit")
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert f"q{call.questions.get(required=True).pk}" in fields


def test_it_refuses_an_upload_of_the_wrong_type_in_the_api(people, call, firm):
    client = client_for(people["firm_admin"])
    pk = _post(
        client,
        f"/api/calls/calls/{call.pk}/applications",
        {"organisation_id": firm.pk, "title": "Su verimliliği"},
    ).json()["id"]
    upload = call.questions.get(kind="file")
    response = client.post(
        f"/api/calls/applications/{pk}/files/{upload.pk}", {"file": pdf("x.exe", b"MZ")}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == f"q{upload.pk}"


def test_it_refuses_applying_for_another_firm_in_the_api(people, call, other_firm):
    response = _post(
        client_for(people["firm_admin"]),
        f"/api/calls/calls/{call.pk}/applications",
        {"organisation_id": other_firm.pk},
    )
    assert response.status_code == 403


def test_it_reviews_and_ranks_through_the_api(people, world):
    criteria = list(world["call"].criteria.values_list("pk", flat=True))
    response = _post(
        client_for(people["jury"]),
        f"/api/calls/reviews/{world['review'].pk}/submit",
        {"scores": {str(criteria[0]): 10, str(criteria[1]): 10}, "comment_to_applicant": "Çok iyi"},
    )
    assert response.json()["total"] == "100.00"
    ranking = (
        client_for(people["manager"]).get(f"/api/calls/calls/{world['call'].pk}/ranking").json()
    )
    assert ranking["items"][0]["reference"] == "A-0001"
    assert ranking["items"][0]["mean"] == "100.00"


def test_it_stages_and_announces_through_the_api(people, world):
    client = client_for(people["manager"])
    pk = world["application"].pk
    _post(client, f"/api/calls/applications/{pk}/stage", {"decision": "rejected"})
    assert _post(client, f"/api/calls/calls/{world['call'].pk}/announce").json() == {"count": 1}
    assert Application.objects.get(pk=pk).status == "rejected"


def test_it_auto_assigns_through_the_api(people, world):
    response = _post(
        client_for(people["manager"]),
        f"/api/calls/calls/{world['call'].pk}/auto-assign",
        {"per_application": 2},
    )
    assert response.json() == {"count": 1}


def test_it_refuses_an_unknown_decision_with_a_field_error(people, world):
    response = _post(
        client_for(people["manager"]),
        f"/api/calls/applications/{world['application'].pk}/stage",
        {"decision": "maybe"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "decision"


def test_it_creates_a_call_through_the_api_with_istanbul_times(people, programme):
    response = _post(
        client_for(people["manager"]),
        "/api/calls/calls",
        {
            "programme": programme.slug,
            "kind": "open_innovation",
            "title_tr": "Açık inovasyon",
            "opens_at": "2030-01-01T09:00:00",
            "closes_at": "2030-02-01T17:00:00",
        },
    )
    assert response.status_code == 201
    closes = datetime.datetime.fromisoformat(response.json()["closes_at"])
    assert closes.astimezone(datetime.UTC).isoformat() == "2030-02-01T14:00:00+00:00"


def test_it_releases_a_notice_through_the_api(
    people, world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client_for(people["manager"]), f"/api/calls/notices/{world['notice'].pk}/release"
        )
    assert response.json()["status"] == "released"
    assert Notice.objects.get(pk=world["notice"].pk).status == "sent"
    assert len(mailoutbox) == 1


def test_it_marks_and_follows_up_interest_through_the_api(people, world, other_firm):
    created = _post(
        client_for(people["other_firm_member"]),
        f"/api/calls/slots/{world['slot'].pk}/interest",
        {"firm_id": other_firm.pk, "note": "Görüşelim"},
    ).json()
    assert created["provider"] == "Çözüm Teknoloji A.Ş." and created["status"] == "new"
    updated = _post(
        client_for(people["facilitator"]),
        f"/api/calls/interests/{created['id']}/status",
        {"status": "meeting", "note": "Toplantı yapıldı"},
    ).json()
    assert updated["status"] == "meeting"

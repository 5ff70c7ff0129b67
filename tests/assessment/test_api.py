from django.core.files.uploadedfile import SimpleUploadedFile

from dekvep.assessment import xlsx

from .factories import example_data


def test_it_creates_and_fills_an_inventory_through_the_api(programme, firm, people, login):
    client = login(people["firm_admin"])
    created = client.post(
        "/api/assessment/inventories",
        {
            "organisation_id": firm.pk,
            "programme_id": programme.pk,
            "year": 2024,
            "data": example_data(),
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "draft" and body["has_report"] is True
    assert body["errors"] == []


def test_it_returns_field_paths_when_saving_bad_data(inventory, people, login):
    data = example_data()
    data["energy"][1]["carrier"] = "hydrogen"
    response = login(people["firm_member"]).put(
        f"/api/assessment/inventories/{inventory.pk}/data",
        {"data": data},
        content_type="application/json",
    )
    assert response.json()["errors"][0]["field"] == "energy[1].carrier"


def test_it_refuses_to_submit_invalid_data_with_the_common_error_shape(inventory, people, login):
    data = example_data()
    data["wastes"][0]["quantity"] = -3
    client = login(people["firm_member"])
    client.put(
        f"/api/assessment/inventories/{inventory.pk}/data",
        {"data": data},
        content_type="application/json",
    )
    response = client.post(
        f"/api/assessment/inventories/{inventory.pk}/transition",
        {"action": "submit"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "wastes[0].quantity"


def test_it_reports_excel_upload_errors_by_cell(inventory, people, login):
    data = example_data()
    data["refrigerants"][0]["gas"] = "R-999"
    upload = SimpleUploadedFile("inv.xlsx", xlsx.write_template(data, "en"))
    response = login(people["firm_member"]).post(
        f"/api/assessment/inventories/{inventory.pk}/upload", {"file": upload}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "Refrigerants!A3"


def test_it_reviews_and_reports_through_the_api(inventory, people, login):
    login(people["firm_member"]).post(
        f"/api/assessment/inventories/{inventory.pk}/transition",
        {"action": "submit"},
        content_type="application/json",
    )
    approved = login(people["analyst"]).post(
        f"/api/assessment/inventories/{inventory.pk}/transition",
        {"action": "approve"},
        content_type="application/json",
    )
    assert approved.json()["status"] == "approved"
    report = login(people["firm_member"]).get(f"/api/assessment/inventories/{inventory.pk}/report")
    assert report.json()["ghg"]["scope2_location_tco2e"] > 0
    opportunities = (
        login(people["firm_member"])
        .get(f"/api/assessment/inventories/{inventory.pk}/opportunities")
        .json()
    )
    assert opportunities["count"] > 0


def test_it_runs_the_engine_statelessly(login, people, db):
    response = login(None).post(
        "/api/assessment/assess", {"data": example_data()}, content_type="application/json"
    )
    assert response.json()["factor_set"]["name"] == "DEKVEP-TR"


def test_it_names_the_field_of_a_bad_stateless_inventory(login, db):
    data = example_data()
    data["energy"][2]["unit"] = "m2"
    response = login(None).post(
        "/api/assessment/assess", {"data": data}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "energy[2].unit"

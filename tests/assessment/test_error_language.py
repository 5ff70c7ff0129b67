"""Errors in a bad inventory reach the user in the language of the request."""

import html
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dekvep.assessment import xlsx

from ..conftest import client_for
from .factories import example_data
from .test_views import _grid_post

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inventory.json"


def speaking(user, language: str):
    client = client_for(user)
    client.cookies["dekvep_language"] = language
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


def _upload_page(client, inventory) -> str:
    data = example_data()
    data["wastes"][1]["ewc_code"] = "99 99 99"
    upload = SimpleUploadedFile("inventory.xlsx", xlsx.write_template(data, "en"))
    response = client.post(f"/assessment/inventories/{inventory.pk}/upload", {"file": upload})
    assert response.status_code == 400
    return html.unescape(response.content.decode())


def test_it_lists_excel_upload_errors_in_turkish_for_a_turkish_request(inventory, people):
    body = _upload_page(speaking(people["firm_member"], "tr"), inventory)
    assert "<td>Wastes</td><td>4</td><td>A</td>" in body
    assert "Atıklar, 2. satır, Atık kodu: bilinmeyen atık kodu '99 99 99'" in body
    assert "wastes[1]" not in body


def test_it_lists_excel_upload_errors_in_english_for_an_english_request(inventory, people):
    body = _upload_page(speaking(people["firm_member"], "en"), inventory)
    assert "<td>Wastes</td><td>4</td><td>A</td>" in body
    assert "Waste streams, row 2, Waste code: unknown waste code '99 99 99'" in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("tr", "Soğutucu gaz dolumları, 1. satır, Gaz: bilinmeyen soğutucu gaz 'R-999'"),
        ("en", "Refrigerant top-ups, row 1, Gas: unknown refrigerant 'R-999'"),
    ],
)
def test_it_reports_excel_upload_errors_through_the_api_in_the_request_language(
    inventory, people, language, expected
):
    data = example_data()
    data["refrigerants"][0]["gas"] = "R-999"
    upload = SimpleUploadedFile("inv.xlsx", xlsx.write_template(data, "en"))
    response = speaking(people["firm_member"], language).post(
        f"/api/assessment/inventories/{inventory.pk}/upload", {"file": upload}
    )
    error = response.json()["errors"][0]
    assert error == {
        "field": "Refrigerants!A3",
        "message": expected,
    }


def test_it_refuses_a_zip_that_is_not_a_workbook_in_turkish(inventory, people):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    upload = SimpleUploadedFile("inv.xlsx", buffer.getvalue())
    response = speaking(people["firm_member"], "tr").post(
        f"/api/assessment/inventories/{inventory.pk}/upload", {"file": upload}
    )
    messages = [e["message"] for e in response.json()["errors"]]
    assert "dosya bir Excel (.xlsx) çalışma kitabı değil" in messages


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("tr", "'kg/h' birimi uygun değil: bir hacim, kütle veya enerji birimi bekleniyor"),
        ("en", "unit 'kg/h' does not fit: expected a volume, mass or energy unit"),
    ],
)
def test_it_marks_a_wrong_unit_in_the_form_in_the_request_language(
    inventory, people, language, expected
):
    post = _grid_post(inventory.data, **{"s-energy-2-unit": "kg/h"})
    response = speaking(people["firm_member"], language).post(
        f"/assessment/inventories/{inventory.pk}/edit", post
    )
    body = html.unescape(response.content.decode())
    where = "Enerji, 3. satır, Birim" if language == "tr" else "Energy, row 3, Unit"
    assert f"{where}: {expected}" in body
    assert "energy[2].unit" not in body


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("tr", "Enerji, 2. satır, Enerji türü|şunlardan biri olmalı: Elektrik (şebeke), Doğal gaz"),
        ("en", "Energy, row 2, Carrier|must be one of: Electricity (grid), Natural gas"),
    ],
)
def test_it_words_a_wrong_choice_in_the_api_in_the_request_language(
    inventory, people, language, expected
):
    data = example_data()
    data["energy"][1]["carrier"] = "hydrogen"
    response = speaking(people["firm_member"], language).put(
        f"/api/assessment/inventories/{inventory.pk}/data",
        {"data": data},
        content_type="application/json",
    )
    error = response.json()["errors"][0]
    where, message = expected.split("|")
    assert error["field"] == "energy[1].carrier"
    assert error["where"] == where
    assert error["message"].startswith(message)


@pytest.mark.parametrize(
    ("language", "expected"), [("tr", "en az 0 olmalı"), ("en", "must be at least 0")]
)
def test_it_words_a_negative_quantity_of_the_stateless_api_in_the_request_language(
    db, language, expected
):
    data = example_data()
    data["wastes"][0]["quantity"] = -3
    response = speaking(None, language).post(
        "/api/assessment/assess", {"data": data}, content_type="application/json"
    )
    assert response.json()["errors"] == [{"field": "wastes[0].quantity", "message": expected}]


def test_it_keeps_the_command_line_in_english_whatever_the_locale(tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["energy"][2]["unit"] = "m2"
    data["wastes"][0]["quantity"] = -3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    env = {**os.environ, "LANG": "tr_TR.UTF-8", "LANGUAGE": "tr", "LC_ALL": "tr_TR.UTF-8"}
    run = subprocess.run(
        [sys.executable, "-m", "dekvep.cli", "assess", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 1
    assert "error: wastes[0].quantity: must be at least 0" in run.stderr


def test_it_says_where_an_error_is_in_turkish_words_in_the_form(inventory, people):
    post = _grid_post(inventory.data, **{"s-materials-0-recycled_share": "1,4"})
    response = speaking(people["firm_member"], "tr").post(
        f"/assessment/inventories/{inventory.pk}/validate", post, HTTP_HX_REQUEST="true"
    )
    body = html.unescape(response.content.decode())
    assert "Malzemeler, 1. satır, Geri dönüştürülmüş pay: en fazla 1 olabilir" in body
    assert "recycled_share" not in body


def test_it_keeps_the_field_path_in_the_api_and_the_words_in_its_message(inventory, people):
    data = example_data()
    data["materials"][0]["recycled_share"] = 1.4
    inventory.data = data
    inventory.save()
    response = speaking(people["firm_member"], "tr").post(
        f"/api/assessment/inventories/{inventory.pk}/transition",
        {"action": "submit"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {
        "field": "materials[0].recycled_share",
        "message": "Malzemeler, 1. satır, Geri dönüştürülmüş pay: en fazla 1 olabilir",
    } in response.json()["errors"]


@pytest.mark.parametrize(
    ("path", "tr", "en"),
    [
        ("production", "Üretim", "Production"),
        ("processes[1]", "Tesisteki prosesler (virgülle ayrılmış), 2. öğe", "item 2"),
        ("factor_overrides", "Emisyon faktörü değişiklikleri", "Emission factor overrides"),
        ("materials[0].recycled_share", "Malzemeler, 1. satır, Geri dönüştürülmüş pay", "row 1"),
    ],
)
def test_every_field_path_is_put_in_words(path, tr, en):
    from dekvep.assessment.schema import describe_path

    assert describe_path(path, "tr") == tr
    assert en in describe_path(path, "en") and "[" not in describe_path(path, "en")


def test_an_unknown_plant_process_is_named_in_words():
    from django.utils import translation

    from dekvep.assessment import services

    data = {**example_data(), "processes": "Basınçlı hava, uzay asansörü"}
    with translation.override("tr"):
        errors = services.data_errors(data)
    assert [(e["where"], e["message"]) for e in errors] == [
        ("Tesisteki prosesler (virgülle ayrılmış), 2. öğe", "bilinmeyen proses 'uzay asansörü'")
    ]

"""Photos and documents on listings: checked, stored under a random name, shown to viewers only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dekvep.symbiosis.models import ListingAttachment
from tests.conftest import client_for
from tests.samples import jpeg_bytes, pdf_bytes, png_bytes

PNG = png_bytes()
PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, listing, name="Bogazici-Orme-kirpinti.png", content=PNG):
    return client.post(
        f"/symbiosis/listings/{listing.pk}/attachments/",
        {"file": SimpleUploadedFile(name, content)},
    )


def test_it_stores_a_photo_under_a_random_name(people, offer):
    _upload(client_for(people["firm_member"]), offer)
    attachment = ListingAttachment.objects.get()
    assert attachment.kind == "image"
    assert "Bogazici" not in attachment.file.name
    assert attachment.file.name.startswith("symbiosis/attachments/")


def test_it_shows_the_original_name_to_the_firm(people, offer):
    _upload(client_for(people["firm_member"]), offer)
    page = client_for(people["firm_member"]).get(f"/symbiosis/listings/{offer.pk}/")
    assert "Bogazici-Orme-kirpinti.png" in page.content.decode()


def test_it_hides_the_original_name_from_other_firms(people, offer):
    _upload(client_for(people["firm_member"]), offer)
    attachment = ListingAttachment.objects.get()
    page = client_for(people["other_firm_member"]).get(f"/symbiosis/listings/{offer.pk}/")
    text = page.content.decode()
    assert "Bogazici" not in text and f"photo-{attachment.pk}.png" in text


def test_it_serves_the_file_to_another_firm_under_the_public_name(people, offer):
    _upload(client_for(people["firm_member"]), offer, "Bogazici-teklif.pdf", PDF)
    attachment = ListingAttachment.objects.get()
    response = client_for(people["other_firm_member"]).get(
        f"/symbiosis/attachments/{attachment.pk}/"
    )
    assert response["Content-Disposition"] == f'attachment; filename="document-{attachment.pk}.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("firm_member", 200),
        ("other_firm_member", 404),
        ("manager", 200),
        ("analyst", 200),
        ("facilitator", 200),
        ("jury", 404),
        ("funder", 404),
        ("provider", 404),
    ],
)
def test_it_serves_a_draft_listing_file_only_to_those_who_see_the_listing(
    people, offer, role, status
):
    _upload(client_for(people["firm_member"]), offer)
    offer.status = "draft"
    offer.save()
    attachment = ListingAttachment.objects.get()
    assert (
        client_for(people[role]).get(f"/symbiosis/attachments/{attachment.pk}/").status_code
        == status
    )


def test_it_sends_anonymous_visitors_of_a_file_to_log_in(people, offer):
    _upload(client_for(people["firm_member"]), offer)
    attachment = ListingAttachment.objects.get()
    response = client_for(None).get(f"/symbiosis/attachments/{attachment.pk}/")
    assert response["Location"].startswith("/login/")


def test_it_refuses_a_file_whose_content_is_not_its_type(people, offer):
    client = client_for(people["firm_member"])
    _upload(client, offer, "photo.png", b"GIF89a" + b"\0" * 20)
    page = client.get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    assert "The file&#x27;s content is not a real .png file." in page
    assert not ListingAttachment.objects.exists()


def test_it_refuses_other_file_types(people, offer):
    client = client_for(people["firm_member"])
    _upload(client, offer, "sheet.xlsx", b"PK\x03\x04" + b"\0" * 20)
    page = client.get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    assert "File type .xlsx is not accepted" in page


def test_it_refuses_a_file_over_the_size_limit(people, offer, settings):
    settings.MAX_UPLOAD_BYTES = 100
    client = client_for(people["firm_member"])
    _upload(client, offer, "big.png", PNG + b"\0" * 200)
    assert "the limit is" in client.get(f"/symbiosis/listings/{offer.pk}/").content.decode()
    assert not ListingAttachment.objects.exists()


def test_it_refuses_an_upload_from_another_firm(people, offer):
    _upload(client_for(people["other_firm_member"]), offer)
    assert not ListingAttachment.objects.exists()


def test_it_removes_an_attachment_and_its_file(
    people, offer, tmp_path, django_capture_on_commit_callbacks
):
    client = client_for(people["firm_member"])
    _upload(client, offer)
    attachment = ListingAttachment.objects.get()
    path = tmp_path / attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/symbiosis/attachments/{attachment.pk}/delete/")
    assert not ListingAttachment.objects.exists() and not path.exists()


# API -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("firm_member", 201),
        ("other_firm_member", 403),
        ("manager", 201),
        ("facilitator", 403),
        ("jury", 404),
    ],
)
def test_it_takes_uploads_in_the_api_from_the_firm_and_its_staff(people, offer, role, status):
    response = client_for(people[role]).post(
        f"/api/symbiosis/listings/{offer.pk}/attachments",
        {"file": SimpleUploadedFile("Bogazici.jpg", jpeg_bytes())},
    )
    assert response.status_code == status
    if status == 201:
        assert response.json()["name"] == "Bogazici.jpg"


def test_it_lists_attachments_in_the_api_under_public_names_for_others(people, offer):
    client_for(people["firm_member"]).post(
        f"/api/symbiosis/listings/{offer.pk}/attachments",
        {"file": SimpleUploadedFile("Bogazici.pdf", PDF)},
    )
    (item,) = (
        client_for(people["other_firm_member"])
        .get(f"/api/symbiosis/listings/{offer.pk}/attachments")
        .json()
    )
    assert item["name"].startswith("document-") and item["kind"] == "document"


def test_it_reports_a_bad_api_upload_in_the_common_error_shape(people, offer):
    response = client_for(people["firm_member"]).post(
        f"/api/symbiosis/listings/{offer.pk}/attachments",
        {"file": SimpleUploadedFile("x.pdf", b"not a pdf")},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_it_deletes_an_attachment_in_the_api(people, offer):
    client = client_for(people["firm_member"])
    created = client.post(
        f"/api/symbiosis/listings/{offer.pk}/attachments",
        {"file": SimpleUploadedFile("a.pdf", PDF)},
    ).json()
    assert (
        client_for(people["other_firm_member"])
        .delete(f"/api/symbiosis/attachments/{created['id']}")
        .status_code
        == 403
    )
    assert client.delete(f"/api/symbiosis/attachments/{created['id']}").status_code == 204
    assert not ListingAttachment.objects.exists()


def test_it_stores_a_photo_without_its_gps_position(people, offer):
    import io

    from PIL import Image

    _upload(client_for(people["firm_member"]), offer, "numune.jpg", jpeg_bytes())
    stored = ListingAttachment.objects.get().file.open("rb").read()
    assert 0x8825 not in Image.open(io.BytesIO(stored)).getexif()


def test_it_stores_a_pdf_without_its_author(people, offer):
    _upload(client_for(people["firm_member"]), offer, "analiz.pdf", PDF)
    stored = ListingAttachment.objects.get().file.open("rb").read()
    assert "Yılmaz".encode("utf-16-be") not in stored and b"Acme" not in stored

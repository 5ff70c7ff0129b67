"""Interchange with the Türkiye Materials Marketplace: fields out and in, photos, all or nothing."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from dekvep.core.models import AuditEntry
from dekvep.symbiosis import services
from dekvep.symbiosis.interchange_tmm import export_csv, export_zip, import_file
from dekvep.symbiosis.models import Listing, ListingAttachment
from tests.conftest import ROLES, client_for

from .factories import ListingFactory

FIELDS = ("kind", "title", "material", "description", "waste_code", "quantity", "unit", "frequency")
HEADER_TR = (
    "İlan türü,Malzeme adı,Kategori,Açıklama,Atık kodu,Miktar,Birim,Sıklık,Konum,Fotoğraflar"
)
STAFF = ("manager", "analyst", "facilitator")


def _png(secret: str = "") -> bytes:
    info = PngInfo()
    if secret:
        info.add_text("Author", secret)
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def listings(people, programme, firm, other_firm):
    firm.industrial_zone, firm.province = "İkitelli OSB", "İstanbul"
    firm.save()
    offer = ListingFactory(
        programme=programme,
        organisation=firm,
        title="Pamuklu kesim kırpıntısı",
        description="Beyaz, =temiz",
        material="cotton",
        waste_code="040222",
        quantity=8.5,
        unit="t",
        frequency="month",
    )
    services.add_attachment(
        people["firm_member"], offer, SimpleUploadedFile("Bogazici-kirpinti.png", _png("Boğaziçi"))
    )
    want = ListingFactory(
        programme=programme,
        organisation=other_firm,
        kind=Listing.Kind.WANT,
        title="Cam kırığı",
        material="glass",
        quantity=500,
        unit="t",
        frequency="year",
    )
    ListingFactory(programme=programme, organisation=firm, title="Taslak ilan", status="draft")
    return offer, want


def _as_rows(queryset):
    return sorted(tuple(getattr(item, f) for f in FIELDS) for item in queryset)


def _import(user, firm, programme, data: bytes, name="ilanlar.zip"):
    return client_for(user).post(
        f"/api/symbiosis/organisations/{firm.pk}/marketplace/import?programme_id={programme.pk}",
        {"file": SimpleUploadedFile(name, data)},
    )


def test_a_zip_export_imports_back_as_the_same_listings_with_their_photos(
    people, programme, firm, listings
):
    published = Listing.objects.filter(status="published")
    before = _as_rows(published)
    data = export_zip(published)
    result = import_file(people["firm_member"], firm, programme, data)
    assert _as_rows(Listing.objects.filter(pk__in=[x.pk for x in result.listings])) == before
    assert result.photos_attached == 1
    copy = ListingAttachment.objects.exclude(listing=listings[0]).get()
    assert copy.listing.title == "Pamuklu kesim kırpıntısı" and copy.kind == "image"


def test_a_csv_with_english_headers_round_trips_too(people, programme, firm, listings):
    published = Listing.objects.filter(status="published")
    text = export_csv(published, "en", photo_url=lambda a: f"https://example.org/{a.pk}.png")
    assert text.splitlines()[0] == (
        "Listing type,Material name,Category,Description,Waste code,"
        "Quantity,Unit,Frequency,Location,Photos"
    )
    result = import_file(people["firm_member"], firm, programme, text.encode())
    assert _as_rows(Listing.objects.filter(pk__in=[x.pk for x in result.listings])) == _as_rows(
        published
    )
    # a photo address is never fetched: it is counted for the reader
    assert (result.photos_attached, result.photo_addresses_skipped) == (0, 1)


def test_the_export_speaks_the_marketplaces_turkish_and_names_no_firm(listings):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(Listing.objects.filter(status="published"))))
    names = archive.namelist()
    text = archive.read("ilanlar.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == HEADER_TR
    offer = next(r for r in rows if r["İlan türü"] == "Mevcut")
    assert [offer[k] for k in ("Kategori", "Birim", "Sıklık")] == [
        "pamuklu tekstil",
        "ton",
        "Aylık",
    ]
    assert [offer[k] for k in ("Atık kodu", "Miktar", "Konum")] == ["040222", "8.5", "İkitelli OSB"]
    photo = offer["Fotoğraflar"]
    assert photo in names and photo.startswith("fotograflar/fotograf-")
    assert "Boğaziçi" not in text and "Bogazici" not in " ".join(names)
    assert "Taslak ilan" not in text


def test_photos_leave_without_their_metadata(listings):
    archive = zipfile.ZipFile(io.BytesIO(export_zip(Listing.objects.filter(status="published"))))
    photo = next(n for n in archive.namelist() if n.endswith(".png"))
    data = archive.read(photo)
    assert "Boğaziçi".encode() not in data and b"Author" not in data
    assert Image.open(io.BytesIO(data)).size == (4, 3)


def test_turkish_words_semicolons_and_decimal_commas_are_read(people, programme, firm):
    text = (
        "İlan türü;Malzeme adı;Kategori;Atık kodu;Miktar;Birim;Sıklık\n"
        "Mevcut;Testere talaşı;Talaş;03 01 05;12,5;TON;aylık\n"
        "Aranan;Atık yağ;;;1.500,5;litre;Tek seferlik\n"
    )
    result = import_file(people["firm_member"], firm, programme, text.encode())
    assert sorted(
        (x.title, x.material, x.waste_code, x.quantity, x.unit, x.frequency, x.status)
        for x in result.listings
    )[1] == ("Testere talaşı", "sawdust", "030105", 12.5, "t", "month", "draft")


def test_a_bad_row_names_its_line_and_column_and_nothing_is_saved(people, programme, firm):
    text = (
        f"{HEADER_TR}\n"
        "Mevcut,Kırpıntı,,,,10,ton,Aylık,,\n"
        "Mevcut,Cam,,,,on,ton,Aylık,,\n"
        "Arz edilen,Kağıt,,,,5,ton,Sonsuz,,\n"
    )
    response = _import(people["firm_member"], firm, programme, text.encode(), "ilanlar.csv")
    messages = [e["message"] for e in response.json()["errors"]]
    assert response.status_code == 400
    assert any(m.startswith("line 3, column Miktar:") for m in messages)
    assert any(m.startswith("line 4, column İlan türü:") for m in messages)
    assert any(m.startswith("line 4, column Sıklık:") for m in messages)
    assert Listing.objects.count() == 0


def test_a_row_the_listing_checks_refuse_rolls_back_every_row_and_photo(
    people, programme, firm, tmp_path
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "ilanlar.csv",
            f"{HEADER_TR}\nMevcut,Kırpıntı,,,,10,ton,Aylık,,a.png\n"
            "Mevcut,Cam,,,99 99 99,5,ton,Aylık,,\n",
        )
        archive.writestr("a.png", _png())
    response = _import(people["firm_member"], firm, programme, buffer.getvalue())
    assert "line 3, column Atık kodu: 99 99 99 is not in the List of Waste." in str(response.json())
    assert Listing.objects.count() == 0 and ListingAttachment.objects.count() == 0
    assert not list((tmp_path / "symbiosis" / "attachments").glob("*"))


def test_a_category_that_reads_as_no_material_is_an_error(people, programme, firm):
    text = f"{HEADER_TR}\nMevcut,Kırpıntı,Xyzzy,,,10,ton,Aylık,,\n"
    with pytest.raises(ValidationError) as error:
        import_file(people["firm_member"], firm, programme, text.encode())
    assert error.value.messages[0].startswith("line 2, column Kategori: “Xyzzy”")


def test_a_photo_named_but_not_sent_is_an_error(people, programme, firm):
    text = f"{HEADER_TR}\nMevcut,Kırpıntı,,,,10,ton,Aylık,,foto.png\n"
    response = _import(people["firm_member"], firm, programme, text.encode(), "ilanlar.csv")
    assert "line 2, column Fotoğraflar" in response.json()["errors"][0]["message"]


def test_a_missing_column_is_named_in_both_languages(people, programme, firm):
    response = _import(people["firm_member"], firm, programme, b"Malzeme adi\nx\n", "a.csv")
    message = response.json()["errors"][0]["message"]
    assert "İlan türü / Listing type" in message and "Miktar / Quantity" in message


def test_the_old_marketplace_csv_keeps_working(people, programme, firm, listings):
    from dekvep.symbiosis.interchange import COLUMNS
    from dekvep.symbiosis.interchange import export_csv as old_export

    assert old_export(Listing.objects.all()).splitlines()[0] == ",".join(COLUMNS)


@pytest.mark.parametrize("role", ROLES)
def test_the_programme_download_in_the_api_is_for_its_staff(people, programme, listings, role):
    response = client_for(people[role]).get(
        f"/api/symbiosis/programmes/{programme.pk}/marketplace.zip"
    )
    if role in STAFF:
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert "Cam kırığı" in archive.read("ilanlar.csv").decode("utf-8-sig")
    else:
        assert response.status_code in (401, 403)
        assert b"Cam" not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_the_programme_download_button_is_for_its_staff(people, programme, listings, role):
    client = client_for(people[role])
    response = client.get("/symbiosis/board/marketplace/?format=csv&lang=en")
    if role in STAFF:
        body = response.content.decode("utf-8-sig")
        assert body.startswith("Listing type,Material name,Category")
        assert "http://testserver/symbiosis/attachments/" in body
        board = client.get("/symbiosis/board/").content.decode()
        assert 'id="marketplace-download"' in board
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code in (403, 404) and b"Cam" not in response.content


def test_the_download_is_audited(people, programme, listings):
    client_for(people["facilitator"]).get(
        f"/api/symbiosis/programmes/{programme.pk}/marketplace.zip"
    )
    entry = AuditEntry.objects.get(action="exported")
    assert entry.actor == people["facilitator"] and entry.changes["marketplace_listings"][1] == 2


CSV = f"{HEADER_TR}\nMevcut,Kırpıntı,Tekstil,,040222,10,ton,Aylık,,\n".encode()


@pytest.mark.parametrize("role", ROLES)
def test_importing_into_a_firm_is_for_its_people_and_assigned_staff(people, programme, firm, role):
    response = _import(people[role], firm, programme, CSV, "ilanlar.csv")
    if role in ("firm_admin", "firm_member", "manager", "analyst"):
        assert response.status_code == 201, response.content
        assert response.json()["listings"][0]["title"] == "Kırpıntı"
        assert Listing.objects.get().organisation == firm
    else:
        assert response.status_code in (401, 403)
        assert Listing.objects.count() == 0


def test_a_firm_imports_in_the_browser_and_finds_its_drafts(people, programme, firm):
    client = client_for(people["firm_member"])
    mine = client.get("/symbiosis/mine/").content.decode()
    assert "Import from the Türkiye Materials Marketplace" in mine
    response = client.post(
        "/symbiosis/marketplace/import/",
        {"organisation": firm.pk, "file": SimpleUploadedFile("ilanlar.csv", CSV)},
        follow=True,
    )
    assert "1 draft listing imported, with 0 photos." in response.content.decode()
    assert Listing.objects.get().status == "draft"


def test_the_browser_import_lists_every_problem_and_saves_nothing(people, programme, firm):
    bad = CSV.replace(b",10,", b",-3,")
    response = client_for(people["firm_member"]).post(
        "/symbiosis/marketplace/import/",
        {"organisation": firm.pk, "file": SimpleUploadedFile("ilanlar.csv", bad)},
    )
    assert "line 2, column Miktar" in response.content.decode()
    assert Listing.objects.count() == 0


IMPORT_PAGE_FIRMS = {
    "firm_admin": {"Boğaziçi Örme A.Ş."},
    "firm_member": {"Boğaziçi Örme A.Ş."},
    "other_firm_member": {"Rakip Plastik A.Ş."},
    "manager": {"Boğaziçi Örme A.Ş.", "Rakip Plastik A.Ş."},
    "analyst": {"Boğaziçi Örme A.Ş."},
}


@pytest.mark.parametrize("role", ROLES)
def test_the_import_page_offers_only_the_firms_the_user_may_enter_listings_for(
    people, programme, role
):
    response = client_for(people[role]).get("/symbiosis/marketplace/import/")
    if role == "anonymous":
        assert response.status_code == 302
    elif role in IMPORT_PAGE_FIRMS:
        page = response.content.decode()
        for name in ("Boğaziçi Örme A.Ş.", "Rakip Plastik A.Ş."):
            assert (name in page) == (name in IMPORT_PAGE_FIRMS[role])
    else:  # jury, funder, solution provider, facilitator: no firm's listings to enter
        assert response.status_code in (403, 404)
        assert "Boğaziçi" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_programme_csv_in_the_api_is_for_its_staff(people, programme, listings, role):
    response = client_for(people[role]).get(
        f"/api/symbiosis/programmes/{programme.pk}/marketplace.csv?lang=en"
    )
    if role in STAFF:
        body = response.content.decode("utf-8-sig")
        assert body.startswith("Listing type,") and "Cam kırığı" in body
        assert "http://testserver/api/symbiosis/attachments/" in body
    else:
        assert response.status_code in (401, 403)
        assert b"Cam" not in response.content


def test_the_sample_files_in_both_languages_import_as_the_same_listings(people, programme, firm):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "examples"
    found = []
    for name in ("marketplace-listings.csv", "marketplace-listings-en.csv"):
        data = (examples / name).read_bytes()
        result = import_file(people["firm_member"], firm, programme, data)
        found.append(_as_rows(Listing.objects.filter(pk__in=[x.pk for x in result.listings])))
    assert found[0] == found[1] and len(found[0]) == 8
    assert ("offer", "Uçucu kül", "fly_ash") in {row[:3] for row in found[0]}
    assert 1200 in {row[5] for row in found[0]} and 2.5 in {row[5] for row in found[0]}


def test_problems_are_told_in_the_readers_language(people, programme, firm):
    client = client_for(people["firm_member"])
    client.cookies["dekvep_language"] = "tr"
    text = f"{HEADER_TR}\nMevcut,Kırpıntı,,,,10,ton,Aylık,,\nMevcut,Cam,,,,on,ton,Aylık,,\n"
    response = client.post(
        f"/api/symbiosis/organisations/{firm.pk}/marketplace/import?programme_id={programme.pk}",
        {"file": SimpleUploadedFile("ilanlar.csv", text.encode())},
        HTTP_ACCEPT_LANGUAGE="tr",
    )
    assert response.json()["errors"][0]["message"] == "satır 3, sütun Miktar: “on” bir sayı değil"

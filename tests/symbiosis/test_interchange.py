from dekvep.symbiosis.models import Listing
from tests.conftest import client_for

CSV = (
    "type,title,description,material,waste_code,quantity,unit,generation,interval,logistics,location\n"
    "available,Testere talaşı,,sawdust,03 01 05,10,t,ongoing,month,buyer,İkitelli OSB\n"
    "wanted,Cam kırığı,,glass,,500,t,ongoing,year,,İkitelli OSB\n"
)


def upload(user, firm, programme, text):
    return client_for(user).post(
        f"/api/symbiosis/organisations/{firm.pk}/listings/import?programme_id={programme.pk}",
        data=text.encode("utf-8"),
        content_type="text/csv",
    )


def test_it_imports_marketplace_rows_as_draft_listings(people, firm, programme):
    response = upload(people["firm_member"], firm, programme, CSV)
    assert response.status_code == 201
    assert sorted(Listing.objects.values_list("title", "status", "tonnes_per_year")) == [
        ("Cam kırığı", "draft", 500.0),
        ("Testere talaşı", "draft", 120.0),
    ]


def test_it_saves_nothing_when_a_row_is_bad(people, firm, programme):
    response = upload(people["firm_member"], firm, programme, CSV.replace("03 01 05", "99 99 99"))
    assert "line 2, column waste_code" in response.json()["errors"][0]["message"]
    assert Listing.objects.count() == 0


def test_it_refuses_imports_into_another_firm(people, firm, programme):
    assert upload(people["other_firm_member"], firm, programme, CSV).status_code == 403


def test_it_exports_published_listings_without_firm_names(people, offer, programme):
    text = client_for(people["other_firm_member"]).get(
        f"/api/symbiosis/programmes/{programme.pk}/listings.csv"
    )
    body = text.content.decode()
    assert body.splitlines()[1].startswith("available,Pamuklu kumaş kırpıntısı")
    assert "Boğaziçi" not in body

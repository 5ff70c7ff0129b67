"""Demo of the providers' services and of an unmatched offer waiting to become a challenge: the
solution provider Döngü Teknoloji offers textile recycling in the Marmara provinces, and a
white-goods plant's waste coating powder has found no taker for four months."""

import datetime

from django.utils import timezone

from dekvep.core.models import Organisation
from dekvep.symbiosis.models import Listing
from dekvep.symbiosis.services import normalise

SERVICE = {
    "organisation": "Döngü Teknoloji A.Ş.",
    "service": "recycling",
    "title": "Tekstil kırpıntısı geri dönüşüm hizmeti",
    "description": "Pamuklu ve karışık kırpıntıyı elyafa açma, balyalı teslim alınır",
    "material": "textile",
    "quantity": 250,
    "unit": "t",
    "frequency": "month",
    "service_provinces": ["İstanbul", "Kocaeli", "Tekirdağ"],
}
UNMATCHED = {
    "organisation": "Marmara Beyaz Eşya A.Ş.",
    "title": "Toz boya kabini atığı",
    "description": "Elektrostatik toz boya hattında geri kazanılamayan, renkleri karışmış toz",
    "waste_code": "080201",
    "quantity": 18,
    "unit": "t",
    "frequency": "year",
    "published_days_ago": 120,
}


def load(programme, stdout=None) -> list[Listing]:
    created = []
    for spec, kind in ((SERVICE, Listing.Kind.WANT), (UNMATCHED, Listing.Kind.OFFER)):
        fields = dict(spec)
        organisation = Organisation.objects.filter(name=fields.pop("organisation")).first()
        if organisation is None:
            continue
        days = fields.pop("published_days_ago", 0)
        listing = Listing(
            programme=programme,
            organisation=organisation,
            site=organisation.sites.first(),
            kind=kind,
            status=Listing.Status.PUBLISHED,
            **fields,
        )
        normalise(listing)
        listing.save()
        if days:
            # published long ago: the challenge proposals look this far back
            then = timezone.now() - datetime.timedelta(days=days)
            Listing.objects.filter(pk=listing.pk).update(created_at=then)
        created.append(listing)
    if stdout:
        stdout.write(f"symbiosis: {len(created)} service and unmatched listings\n")
    return created

"""Demo listings: what the programme's textile, plastics and white-goods plants give, what the
cement, paper, steel, glass, recycling, feed and biogas plants take; matches and synergies."""

from django.utils import timezone

from dekvep.core.models import Membership, Organisation
from dekvep.symbiosis.models import Exchange, Listing, MatchRun, Synergy
from dekvep.symbiosis.services import _normalise, execute_match_run

OFFER, WANT = Listing.Kind.OFFER, Listing.Kind.WANT
# (organisation, kind, title, description, code, quantity, unit, frequency, licence)
LISTINGS = [
    (
        "Boğaziçi Örme Tekstil A.Ş.",
        OFFER,
        "Pamuklu örme kumaş kırpıntısı",
        "Kesimhane kırpıntıları, renk ayrılmış",
        "040222",
        15,
        "t",
        "month",
        False,
    ),
    (
        "Anadolu Denim Konfeksiyon A.Ş.",
        OFFER,
        "Denim kesim atığı",
        "Pamuklu denim kırpıntıları balyalı",
        "040222",
        25,
        "t",
        "month",
        False,
    ),
    (
        "Trakya Boya Apre San. A.Ş.",
        OFFER,
        "Boyahane arıtma çamuru",
        "Filtre pres keki",
        "040220",
        600,
        "t",
        "year",
        False,
    ),
    (
        "Trakya Boya Apre San. A.Ş.",
        OFFER,
        "Kirli tiner",
        "Makine temizliği atık solvent",
        "140603",
        12,
        "t",
        "year",
        False,
    ),
    (
        "Marmara İplik San. Ltd. Şti.",
        OFFER,
        "İplik döküntüsü ve bobin sonu",
        "Pamuklu iplik atığı",
        "040221",
        6,
        "t",
        "month",
        False,
    ),
    (
        "Yıldız Konfeksiyon Ltd. Şti.",
        OFFER,
        "Polyester kumaş parçaları",
        "PES fabric offcuts",
        "",
        4,
        "t",
        "month",
        False,
    ),
    (
        "Polimer Ambalaj San. A.Ş.",
        OFFER,
        "PP çuval ve big bag",
        "Temiz polipropilen çuval",
        "150102",
        8,
        "t",
        "month",
        False,
    ),
    (
        "Ekstrüzyon Film Plastik Ltd. Şti.",
        OFFER,
        "Streç film kenar kesimi",
        "LDPE film, temiz",
        "070213",
        60,
        "t",
        "year",
        False,
    ),
    (
        "Tuzla Enjeksiyon Kalıp A.Ş.",
        OFFER,
        "ABS kırma",
        "ABS regrind, renkli",
        "070213",
        40,
        "t",
        "year",
        False,
    ),
    (
        "Renk Masterbatch Kimya Ltd. Şti.",
        OFFER,
        "Spesifikasyon dışı masterbatch",
        "Off-spec granül",
        "",
        20,
        "t",
        "year",
        False,
    ),
    (
        "Beyaz Köpük Yalıtım San. A.Ş.",
        OFFER,
        "EPS köpük kırpıntısı",
        "Strafor kesim artıkları",
        "",
        300,
        "m3",
        "year",
        False,
    ),
    (
        "Marmara Beyaz Eşya A.Ş.",
        OFFER,
        "Sac kırpıntısı ve pres hurda",
        "Galvaniz sac kesim artıkları",
        "120101",
        1200,
        "t",
        "year",
        False,
    ),
    (
        "Marmara Beyaz Eşya A.Ş.",
        OFFER,
        "Boya çamuru",
        "Toz boya ve yaş boya hattı",
        "080113",
        40,
        "t",
        "year",
        False,
    ),
    (
        "Çerkezköy Soğutma Sistemleri A.Ş.",
        OFFER,
        "PU köpük kırpıntısı",
        "Poliüretan köpük kesim artıkları",
        "",
        5,
        "t",
        "month",
        False,
    ),
    (
        "Gebze Kompresör San. A.Ş.",
        OFFER,
        "Bakır boru kırpıntısı",
        "Bakır hurdası",
        "120103",
        30,
        "t",
        "year",
        False,
    ),
    (
        "Dudullu Metal Pres Parça Ltd. Şti.",
        OFFER,
        "Bor yağlı su",
        "Talaşlı imalat emülsiyonu",
        "120109",
        20,
        "m3",
        "year",
        False,
    ),
    (
        "İkitelli Ankastre Cihaz A.Ş.",
        OFFER,
        "Oluklu mukavva ambalaj",
        "OCC balya",
        "150101",
        10,
        "t",
        "month",
        False,
    ),
    (
        "Hereke Çimento Fabrikası A.Ş.",
        WANT,
        "Çimento fabrikası ATY ve alternatif hammadde",
        "Tekstil kırpıntısı, plastik atık, boya çamuru, arıtma çamuru, atık solvent kabul edilir",
        "",
        40000,
        "t",
        "year",
        True,
    ),
    (
        "Çorlu Kağıt Karton A.Ş.",
        WANT,
        "Geri dönüşüm kağıt fabrikası",
        "OCC ve karışık kağıt alınır",
        "",
        30000,
        "t",
        "year",
        False,
    ),
    (
        "Dilovası Elektrik Ark Ocağı Çelik A.Ş.",
        WANT,
        "Ark ocağı hurda alımı",
        "HMS, sac kırpıntısı, pres hurda",
        "",
        400000,
        "t",
        "year",
        False,
    ),
    (
        "Trakya Cam Ambalaj A.Ş.",
        WANT,
        "Cam kırığı alınır",
        "Renk ayrılmış cullet",
        "",
        20000,
        "t",
        "year",
        False,
    ),
    (
        "Çorlu Keçe ve Nonwoven A.Ş.",
        WANT,
        "Keçe üretimi için tekstil kırpıntısı",
        "Pamuklu ve polyester kırpıntı",
        "",
        800,
        "t",
        "year",
        False,
    ),
    (
        "Rejenere Elyaf İplik A.Ş.",
        WANT,
        "Open-end iplik hammaddesi",
        "Pamuk kırpıntısı, iplik döküntüsü",
        "",
        3000,
        "t",
        "year",
        False,
    ),
    (
        "Gebze Plastik Geri Kazanım A.Ş.",
        WANT,
        "PP ve PE film geri dönüşüm",
        "PP çuval, rafya, streç film",
        "",
        2500,
        "t",
        "year",
        False,
    ),
    (
        "İkitelli Granül Rejenere Ltd. Şti.",
        WANT,
        "ABS and off-spec compound wanted",
        "ABS regrind, masterbatch",
        "",
        400,
        "t",
        "year",
        False,
    ),
    (
        "Anadolu Bakır Rafineri A.Ş.",
        WANT,
        "Bakır hurdası alınır",
        "Bakır boru ve kablo",
        "",
        5000,
        "t",
        "year",
        False,
    ),
    (
        "Marmara Atık Yağ Rafinasyon A.Ş.",
        WANT,
        "Atık yağ ve emülsiyon",
        "Lisanslı rafinasyon",
        "",
        8000,
        "t",
        "year",
        True,
    ),
    (
        "Tuzla Solvent Geri Kazanım A.Ş.",
        WANT,
        "Atık solvent geri kazanım",
        "Tiner distilasyonu, lisanslı",
        "",
        1500,
        "t",
        "year",
        True,
    ),
    (
        "Yalıtım Malzemeleri San. A.Ş.",
        WANT,
        "Yalıtım paneli hammaddesi",
        "EPS köpük ve PU köpük kırpıntısı",
        "",
        600,
        "t",
        "year",
        False,
    ),
]
STATES = ["identified", "contacted", "negotiating", "agreed", "active", "ended", "dropped"]


def load(programme, stdout=None):
    if Listing.objects.filter(programme=programme).exists():
        return None
    organisations = {o.name: o for o in Organisation.objects.all()}
    created = []
    for name, kind, title, desc, code, qty, unit, freq, licence in LISTINGS:
        organisation = organisations.get(name)
        if organisation is None:
            continue
        listing = Listing(
            programme=programme,
            organisation=organisation,
            site=organisation.sites.first(),
            kind=kind,
            title=title,
            description=desc,
            waste_code=code,
            quantity=qty,
            unit=unit,
            frequency=freq,
            hazardous_licence=licence,
            status=Listing.Status.PUBLISHED,
        )
        _normalise(listing)
        listing.save()
        created.append(listing)
    run = execute_match_run(MatchRun.objects.create(programme=programme))
    _synergies(programme, run)
    if stdout:
        stdout.write(
            f"symbiosis: {len(created)} listings, {run.pairs} ranked pairs, every synergy state\n"
        )
    return None


def _synergies(programme, run):
    best = run.results.filter(rank=1).select_related("offer", "want").order_by("-score")
    seen = set()
    for state, result in zip(
        STATES, [r for r in best if not (r.offer_id in seen or seen.add(r.offer_id))], strict=False
    ):
        synergy = Synergy.objects.create(
            programme=programme,
            offer=result.offer,
            want=result.want,
            state=state,
            score=result.score,
            distance_km=result.distance_km,
            reasons=result.reasons,
            offer_side_agrees=state != "identified",
            want_side_agrees=state != "identified",
            dropped_reason="Kalite şartları karşılanmadı" if state == "dropped" else "",
        )
        if state in ("active", "ended"):
            admin = Membership.objects.filter(organisation=result.offer.organisation).first()
            Exchange.objects.create(
                synergy=synergy,
                date=timezone.localdate(),
                tonnes=round(result.offer.tonnes_per_year / 12, 1),
                recorded_by=admin.user if admin else None,
            )

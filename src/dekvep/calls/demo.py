"""Demo calls of ``dekvep-2022``: the firm-selection call that chose the 21 participant firms,
and the open-innovation call (25 solutions, jury of 5, 13 pitches to the sector firms).

The calls closed in 2022, so their history is written directly rather than replayed through the
services (which, rightly, refuse applications after the deadline).
"""

import datetime
import random
import zoneinfo

from django.utils import timezone

from dekvep.core.demo import PASSWORD, ZONES, _organisation, _user
from dekvep.core.models import Organisation, Participation, StaffAssignment, User

from .models import (
    Answer,
    Application,
    Call,
    Challenge,
    Criterion,
    Declaration,
    PitchDay,
    PitchInterest,
    PitchSlot,
    Question,
    Review,
    ReviewPhase,
    Score,
)
from .services import register_interest, weighted_total

IST = zoneinfo.ZoneInfo("Europe/Istanbul")
S = Application.Status

EXTRA_MANUFACTURERS = [
    ("Kartal Çorap Tekstil Ltd. Şti.", ["14.31"], "Tuzla OSB", "10-49"),
    ("Bağcılar Kumaş Baskı A.Ş.", ["13.30"], "İkitelli OSB", "50-249"),
    ("Esenyurt Triko Ltd. Şti.", ["14.39"], "Esenyurt", "10-49"),
    ("Çorlu Nonwoven Tekstil A.Ş.", ["13.95"], "Çorlu Deri OSB", "50-249"),
    ("Silivri Halı Dokuma A.Ş.", ["13.93"], "Beylikdüzü OSB", "250+"),
    ("Dudullu Plastik Kap Ltd. Şti.", ["22.22"], "Dudullu OSB", "10-49"),
    ("Gebze Teknik Plastik A.Ş.", ["22.29"], "Gebze OSB", "50-249"),
    ("Hadımköy Şişirme Plastik Ltd. Şti.", ["22.22"], "Hadımköy", "10-49"),
    ("Tuzla Kompozit Parça A.Ş.", ["22.29"], "Tuzla OSB", "50-249"),
    ("Dilovası Kablo Kanal Plastik A.Ş.", ["22.23"], "Dilovası OSB", "50-249"),
    ("Çerkezköy Fırın Parça Ltd. Şti.", ["27.51"], "Çerkezköy OSB", "50-249"),
    ("Beylikdüzü Küçük Ev Aletleri A.Ş.", ["27.51"], "Beylikdüzü OSB", "10-49"),
    ("Ankara Mobilya Aksesuar Ltd. Şti.", ["31.09"], "İkitelli OSB", "10-49"),
    ("İkitelli Matbaa Ambalaj A.Ş.", ["18.12"], "İkitelli OSB", "50-249"),
]

EXTRA_PROVIDERS = [
    ("Yeşil Döngü Mühendislik A.Ş.", "İstanbul", "Ataşehir", 40.99, 29.12),
    ("Atıksuz Gelecek Teknoloji Ltd. Şti.", "İstanbul", "Teknopark İstanbul", 40.90, 29.31),
    ("Polimer Geri Kazanım Ar-Ge A.Ş.", "Kocaeli", "Gebze", 40.80, 29.44),
    ("Membran Su Teknolojileri A.Ş.", "İzmir", "Bornova", 38.46, 27.22),
    ("Endüstriyel Simbiyoz Danışmanlık Ltd. Şti.", "Ankara", "Çankaya", 39.91, 32.85),
    ("Kimyasal Geri Kazanım Sistemleri A.Ş.", "Bursa", "Nilüfer", 40.21, 28.98),
    ("Tekstil Boya Optimizasyon Yazılım A.Ş.", "İstanbul", "Maslak", 41.11, 29.02),
    ("Köpük Dönüşüm Teknolojileri Ltd. Şti.", "Manisa", "Yunusemre", 38.62, 27.43),
    ("Akıllı Fabrika IoT Çözümleri A.Ş.", "İstanbul", "Ümraniye", 41.02, 29.11),
    ("Güneş ve Isı Pompası Sistemleri Ltd. Şti.", "Antalya", "Muratpaşa", 36.89, 30.71),
    ("Dijital Ürün Pasaportu Teknoloji A.Ş.", "İstanbul", "Şişli", 41.06, 28.99),
    ("Mikrofiber Filtre Çözümleri Ltd. Şti.", "Denizli", "Pamukkale", 37.78, 29.09),
    ("Atık Isıdan Enerji A.Ş.", "Kocaeli", "İzmit", 40.77, 29.94),
    ("Metal Ayrıştırma Robotik Ltd. Şti.", "İstanbul", "Tuzla", 40.82, 29.30),
    ("Biyobazlı Kaplama Malzemeleri A.Ş.", "Eskişehir", "Tepebaşı", 39.78, 30.51),
]

CHALLENGES = [
    (
        "Buzdolabı PU köpüğünün geri dönüşümü",
        "Recycling refrigerator PU foam",
        "workshop",
        "white_goods",
    ),
    ("Boyahane su tüketimini yarıya indirmek", "Halving dye-house water use", "report", "textile"),
    (
        "Tekstil kırpıntılarının elyafa geri kazanımı",
        "Turning textile off-cuts back into fibre",
        "workshop",
        "textile",
    ),
    (
        "Çok katmanlı ambalaj filmlerinin ayrıştırılması",
        "Separating multilayer packaging films",
        "firm",
        "plastics",
    ),
    (
        "Proses atık ısısının geri kazanımı",
        "Recovering process waste heat",
        "report",
        "white_goods",
    ),
    (
        "Enjeksiyon çapaklarının hat içinde geri kullanımı",
        "Reusing injection sprues in line",
        "firm",
        "plastics",
    ),
]

JURY = [
    ("juri2@dekvep.demo", "Doç. Dr. Kerem Aksoy"),
    ("juri3@dekvep.demo", "Dr. Nazlı Erdem"),
    ("juri4@dekvep.demo", "Oğuz Tan"),
    ("juri5@dekvep.demo", "Pınar Güneş"),
]


# Anonymous titles: reviewers of a blind phase read the title (never the firm's name).
FIRM_TITLES = [
    "Su verimliliği ve atık su geri kazanımı",
    "Enerji verimliliği ve ısı geri kazanımı",
    "Hammadde verimliliği ve fire azaltımı",
    "Kimyasal yönetimi ve temiz üretim",
    "Atıkların yan ürün olarak değerlendirilmesi",
    "Ambalaj atıklarının azaltılması",
]


def _t(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=IST)


def load(programme, stdout=None):
    manager = User.objects.filter(
        staff_assignments__programme=programme, staff_assignments__role="manager"
    ).first()
    logins = _jury(programme)
    _firm_selection(programme, manager)
    _open_innovation(programme, manager)
    _open_call(programme)
    return logins


def _jury(programme) -> list[tuple[str, str, str]]:
    logins = []
    for email, name in JURY:
        user = _user(email, name)
        StaffAssignment.objects.get_or_create(programme=programme, user=user, role="jury")
        logins.append(("Jury member", email, PASSWORD))
    return logins


def _jury_users(programme) -> list[User]:
    return list(
        User.objects.filter(
            staff_assignments__programme=programme, staff_assignments__role="jury"
        ).order_by("email")
    )


def _criteria(call, rows):
    return [
        Criterion.objects.get_or_create(
            call=call,
            order=i,
            defaults={"name_tr": tr, "name_en": en, "weight": weight, "scale_max": 10},
        )[0]
        for i, (tr, en, weight) in enumerate(rows)
    ]


def _firm_selection(programme, manager) -> Call:
    call, created = Call.objects.get_or_create(
        programme=programme,
        kind=Call.Kind.FIRM_SELECTION,
        title_tr="DEKVEP 2022 firma seçim çağrısı",
        defaults={
            "title_en": "DEKVEP 2022 call for participant firms",
            "description_tr": "Tekstil, plastik ve beyaz eşya sektörlerinden üretici firmalar "
            "kaynak verimliliği ve döngüsellik analizleri için başvurabilir.",
            "description_en": "Manufacturers of the textile, plastics and white-goods sectors "
            "may apply for resource-efficiency and circularity analyses.",
            "opens_at": _t(2022, 3, 1, 9),
            "closes_at": _t(2022, 4, 1, 17),
            "published": True,
            "places": 21,
            "eligible_kinds": ["manufacturer"],
            "eligible_nace_prefixes": ["13", "14", "22", "27"],
            "eligible_provinces": ["İstanbul", "Kocaeli", "Tekirdağ"],
            "reviewers_per_application": 2,
        },
    )
    if not created:
        return call
    Declaration.objects.create(
        call=call,
        text_tr="Veri paylaşımı ve firma elçisi görevlendirmesiyle katılmayı taahhüt ederiz.",
        text_en="We commit to share data and to name company ambassadors.",
    )
    question = Question.objects.create(
        call=call,
        kind=Question.Kind.LONG_TEXT,
        label_tr="Kaynak verimliliği alanındaki öncelikleriniz nelerdir?",
        label_en="What are your resource-efficiency priorities?",
        required=True,
    )
    Question.objects.create(
        call=call,
        kind=Question.Kind.FILE,
        label_tr="Firma tanıtım dosyası",
        label_en="Company profile",
        help_tr="PDF, en çok 10 MB",
        help_en="PDF, at most 10 MB",
    )
    criteria = _criteria(
        call,
        [
            ("Sektörel temsil", "Sector representation", 1),
            ("Veri paylaşım kapasitesi", "Capacity to share data", 2),
            ("Yönetim bağlılığı", "Management commitment", 2),
        ],
    )
    ReviewPhase.objects.create(
        call=call, name_tr="Değerlendirme", name_en="Review", blind=False, active=True
    )
    participants = [
        p.organisation
        for p in Participation.objects.filter(programme=programme).select_related("organisation")
    ]
    extras = []
    for index, (name, nace, zone, band) in enumerate(EXTRA_MANUFACTURERS):
        province, district, lat, lon = ZONES[zone]
        extras.append(
            _organisation(
                name, "manufacturer", nace, province, district, zone, lat, lon, band, 7300 + index
            )
        )
    jury = _jury_users(programme)
    rng = random.Random(2022)
    applicants = [(org, True) for org in participants] + [(org, False) for org in extras]
    for number, (org, chosen) in enumerate(applicants, start=1):
        ineligible = not chosen and org.nace_codes[0][:2] not in ("13", "14", "22", "27")
        status = S.CONFIRMED if chosen else (S.INELIGIBLE if ineligible else S.REJECTED)
        application = Application.objects.create(
            call=call,
            organisation=org,
            reference=f"A-{number:04d}",
            title=FIRM_TITLES[number % len(FIRM_TITLES)],
            summary="Su, enerji ve hammadde verimliliği; atıkların değerlendirilmesi.",
            status=status,
            declarations_accepted=list(call.declarations.values_list("pk", flat=True)),
            submitted_at=_t(2022, 3, 10 + number % 20, 11),
            decided_by=manager,
            eligibility_reasons=(
                [
                    {
                        "code": "nace",
                        "params": {"value": ", ".join(org.nace_codes), "allowed": "13, 14, 22, 27"},
                    }
                ]
                if ineligible
                else []
            ),
        )
        Answer.objects.create(
            application=application,
            question=question,
            value="Boyahane suyunun geri kazanımı, enerji izleme ve atık ayrıştırma.",
        )
        if ineligible:
            continue
        base = rng.randint(7, 9) if chosen else rng.randint(3, 6)
        for reviewer in rng.sample(jury, 2):
            _review(application, reviewer, criteria, base, rng)
    return call


def _review(application, reviewer, criteria, base, rng, spread=1):
    scores = {c.pk: max(0, min(10, base + rng.randint(-spread, spread))) for c in criteria}
    review = Review.objects.create(
        application=application,
        reviewer=reviewer,
        status=Review.Status.SUBMITTED,
        total=weighted_total(scores, criteria),
        comment_to_applicant="Güçlü bir başvuru; ölçülebilir hedefler önerilir."
        if base >= 7
        else "Başvurunun döngüsellik etkisi sınırlı görüldü.",
        comment_internal="Saha ziyareti önerilir." if base >= 8 else "",
        submitted_at=_t(2022, 4, 10, 15),
    )
    Score.objects.bulk_create(
        [Score(review=review, criterion_id=c, value=v) for c, v in scores.items()]
    )


def _open_innovation(programme, manager) -> Call:
    call, created = Call.objects.get_or_create(
        programme=programme,
        kind=Call.Kind.OPEN_INNOVATION,
        title_tr="Döngüsel çözümler açık inovasyon çağrısı",
        defaults={
            "title_en": "Open-innovation call for circular solutions",
            "description_tr": "Sektör firmalarının ihtiyaçlarına döngüsel çözümler arıyoruz. "
            "Seçilen çözüm sağlayıcılar sektör firmalarına sunum yapacak.",
            "description_en": "We look for circular solutions to the sector firms' needs. "
            "Shortlisted providers pitch to the sector firms.",
            "opens_at": _t(2022, 10, 3, 9),
            "closes_at": _t(2022, 11, 4, 17),
            "published": True,
            "places": 13,
            "eligible_kinds": ["solution_provider"],
            "reviewers_per_application": 3,
        },
    )
    if not created:
        return call
    participants = {p.sector: [] for p in Participation.objects.filter(programme=programme)}
    for p in Participation.objects.filter(programme=programme).select_related("organisation"):
        participants[p.sector].append(p.organisation)
    challenges = []
    for index, (tr, en, source, sector) in enumerate(CHALLENGES):
        challenge = Challenge.objects.create(
            call=call,
            title_tr=tr,
            title_en=en,
            source=source,
            description_tr=f"{tr}: sektör çalıştaylarında öncelikli ihtiyaç olarak belirlendi.",
            description_en=f"{en}: named a priority need in the sector workshops.",
        )
        challenge.firms.set(participants.get(sector, [])[index % 2 :: 2][:4])
        challenges.append(challenge)
    Declaration.objects.create(
        call=call,
        text_tr="Çözümün fikri mülkiyet haklarının başvuru sahibine ait olduğunu beyan ederim.",
        text_en="We declare that we own the intellectual property of the solution.",
    )
    trl = Question.objects.create(
        call=call,
        kind=Question.Kind.SINGLE_CHOICE,
        label_tr="Teknoloji hazırlık seviyesi",
        label_en="Technology readiness level",
        required=True,
        choices=["TRL 4-5", "TRL 6-7", "TRL 8-9"],
    )
    Question.objects.create(
        call=call,
        kind=Question.Kind.FILE,
        label_tr="Çözüm sunumu",
        label_en="Solution deck",
        help_tr="PDF veya PPTX",
        help_en="PDF or PPTX",
    )
    criteria = _criteria(
        call,
        [
            ("İhtiyaca uygunluk", "Fit to the challenge", 3),
            ("Döngüsellik etkisi", "Circularity impact", 3),
            ("Uygulanabilirlik", "Feasibility", 2),
            ("Ölçeklenebilirlik", "Scalability", 1),
        ],
    )
    ReviewPhase.objects.create(
        call=call, name_tr="Kör ön değerlendirme", name_en="Blind first review", blind=True, order=1
    )
    ReviewPhase.objects.create(
        call=call,
        name_tr="Jüri toplantısı",
        name_en="Jury meeting",
        blind=False,
        active=True,
        order=2,
    )
    providers = list(Organisation.objects.filter(kind="solution_provider").order_by("pk")[:10])
    for index, (name, province, district, lat, lon) in enumerate(EXTRA_PROVIDERS):
        providers.append(
            _organisation(
                name, "solution_provider", [], province, district, "", lat, lon, "", 7400 + index
            )
        )
    jury = _jury_users(programme)
    rng = random.Random(1025)
    quality = sorted(range(25), key=lambda i: -((i * 7) % 25))  # a fixed, shuffled order
    shortlisted = set(quality[:13])
    applications = []
    for number, provider in enumerate(providers[:25], start=1):
        chosen = (number - 1) in shortlisted
        application = Application.objects.create(
            call=call,
            organisation=provider,
            reference=f"S-{number:04d}",
            title=f"{challenges[number % 6].title_tr} için çözüm",
            summary="Pilot uygulama ile doğrulanmış, sektöre uyarlanabilir bir çözüm.",
            status=S.SHORTLISTED if chosen else S.REJECTED,
            declarations_accepted=list(call.declarations.values_list("pk", flat=True)),
            submitted_at=_t(2022, 10, 10 + number % 20, 14),
            decided_by=manager,
        )
        application.challenges.set([challenges[number % 6]])
        Answer.objects.create(application=application, question=trl, value=trl.choices[number % 3])
        base = 6 + (number % 4) if chosen else 2 + (number % 4)
        spread = 4 if number in (4, 17) else 1  # two applications the jury split over
        for k in range(3):
            _review(application, jury[(number + k) % len(jury)], criteria, base, rng, spread)
        applications.append(application)
    _pitch_day(call, [a for a in applications if a.status == S.SHORTLISTED], participants)
    return call


def _pitch_day(call, shortlisted, participants):
    day = PitchDay.objects.create(
        call=call,
        name="Döngüsel Çözümler Sunum Günü",
        date=datetime.date(2022, 12, 8),
        venue="İstanbul Sanayi Odası, Odakule Konferans Salonu",
    )
    rooms = ["Salon A", "Salon B"]
    for index, application in enumerate(shortlisted):
        start = _t(2022, 12, 8, 10) + datetime.timedelta(minutes=20 * (index // 2))
        PitchSlot.objects.create(
            pitch_day=day,
            application=application,
            starts_at=start,
            ends_at=start + datetime.timedelta(minutes=15),
            room=rooms[index % 2],
            online_link="https://toplanti.example.org/dekvep-sunum" if index % 4 == 0 else "",
            invited_at=_t(2022, 11, 20, 10),
            reminded_at=_t(2022, 12, 6, 10),
        )
    firms = [f for sector in participants.values() for f in sector]
    slots = list(day.slots.order_by("starts_at"))
    statuses = ["new", "contacted", "meeting", "agreed", "contacted", "new", "closed", "meeting"]
    for index in range(16):
        firm = firms[(index * 5) % len(firms)]
        slot = slots[(index * 3) % len(slots)]
        interest, _created = PitchInterest.objects.get_or_create(
            slot=slot,
            firm=firm,
            defaults={
                "note": "Pilot uygulama için görüşmek isteriz.",
                "status": statuses[index % len(statuses)],
                "marked_by": firm.memberships.first().user if firm.memberships.exists() else None,
            },
        )
        register_interest(interest)


def _open_call(programme) -> Call:
    """A call open today, so that the demo can be tried as an applicant."""
    call, created = Call.objects.get_or_create(
        programme=programme,
        kind=Call.Kind.OTHER,
        title_tr="Eğitim programı katılımcı firma başvuruları",
        defaults={
            "title_en": "Applications for the training programme",
            "description_tr": "Temiz üretim ve karbon ayak izi sertifika programlarına katılmak "
            "isteyen firmalar başvurabilir.",
            "description_en": "Firms that want to join the cleaner-production and carbon-footprint "
            "certificate programmes may apply.",
            "opens_at": timezone.now() - datetime.timedelta(days=1),
            "closes_at": timezone.now() + datetime.timedelta(days=60),
            "published": True,
            "places": 30,
            "eligible_kinds": ["manufacturer"],
            "reviewers_per_application": 2,
        },
    )
    if created:
        Declaration.objects.create(
            call=call,
            text_tr="Her sertifika programına en az iki çalışan göndereceğimizi taahhüt ederiz.",
            text_en="We will send at least two employees to each certificate programme.",
        )
        Question.objects.create(
            call=call,
            kind=Question.Kind.NUMBER,
            label_tr="Katılacak çalışan sayısı",
            label_en="Number of employees who will attend",
            required=True,
        )
        Question.objects.create(
            call=call,
            kind=Question.Kind.MULTIPLE_CHOICE,
            label_tr="İlgilendiğiniz programlar",
            label_en="Programmes you are interested in",
            required=True,
            choices=["Temiz üretim", "Karbon ayak izi", "Döngüsel iş modelleri"],
        )
        Question.objects.create(
            call=call,
            kind=Question.Kind.YES_NO,
            label_tr="Daha önce benzer bir eğitime katıldınız mı?",
            label_en="Have you attended a similar training before?",
        )
        Question.objects.create(
            call=call,
            kind=Question.Kind.FILE,
            label_tr="Eğitim planı",
            label_en="Training plan",
        )
        _criteria(call, [("Motivasyon", "Motivation", 1), ("Kapasite", "Capacity", 1)])
        ReviewPhase.objects.create(
            call=call, name_tr="Kör değerlendirme", name_en="Blind review", blind=True, active=True
        )
    return call

"""Demo events of ``dekvep-2022``, shaped like the reference programme's records.

3 European Green Deal seminars attended by 495 people from 428 firms, a two-event ambassador
training path completed by 42 ambassadors (2 per participant firm), 3 certificate programmes
with 137 certificates, and vocational-school outreach reaching 660 students and teachers.
Rows are created with bulk_create; certificate PDFs are rendered when first downloaded.
"""

import datetime
from decimal import Decimal
from itertools import cycle

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from dekvep.core.demo import PASSWORD
from dekvep.core.models import Membership, Organisation, Participation, User

from .figures import all_figures
from .models import (
    Ambassador,
    Certificate,
    CheckIn,
    Event,
    OutreachActivity,
    Registration,
    Session,
    new_code,
    organisation_key,
    person_key,
)

TZ = datetime.timezone(datetime.timedelta(hours=3))
FIRST = [
    "Ahmet",
    "Ayşe",
    "Mehmet",
    "Fatma",
    "Mustafa",
    "Emine",
    "Ali",
    "Hatice",
    "Hüseyin",
    "Zeynep",
    "Hasan",
    "Elif",
    "İbrahim",
    "Merve",
    "Murat",
    "Esra",
    "Ömer",
    "Büşra",
    "Yusuf",
    "Seda",
    "Emre",
    "Gamze",
    "Burak",
    "Derya",
    "Serkan",
    "Özge",
    "Volkan",
    "Pınar",
    "Cem",
    "Tuğba",
    "Onur",
    "Ebru",
    "Kerem",
    "Sibel",
    "Barış",
    "Nur",
]
LAST = [
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kara",
    "Koç",
    "Kurt",
    "Özkan",
    "Şimşek",
    "Polat",
    "Erdoğan",
    "Güneş",
    "Aksoy",
    "Tekin",
    "Bulut",
    "Ünal",
    "Keskin",
]
FIRM_WORDS = [
    "Marmara",
    "Anadolu",
    "Trakya",
    "Boğaziçi",
    "Ege",
    "Kuzey",
    "Güney",
    "Yeni",
    "Altın",
    "Mavi",
    "Yeşil",
    "Kartal",
    "Doğu",
    "Batı",
    "Körfez",
    "Sahil",
    "Tuna",
    "Işık",
]
FIRM_TRADES = [
    "Tekstil",
    "Plastik",
    "Metal",
    "Ambalaj",
    "Makina",
    "Kimya",
    "Mobilya",
    "Gıda",
    "Elektrik",
    "Otomotiv Yan San.",
    "Boya",
    "Kauçuk",
    "Kağıt",
    "Döküm",
    "Cam",
    "Örme",
    "Konfeksiyon",
    "Enerji",
    "Lojistik",
    "İnşaat Malz.",
    "Elektronik",
]

SEMINARS = [
    (
        "Avrupa Yeşil Mutabakatı ve Türk Sanayisine Etkileri",
        "The European Green Deal and its impact on Turkish industry",
        datetime.datetime(2022, 6, 14, 10),
        170,
    ),
    (
        "Sınırda Karbon Düzenleme Mekanizması (SKDM): İhracatçının Yükümlülükleri",
        "Carbon Border Adjustment Mechanism (CBAM): exporters' obligations",
        datetime.datetime(2022, 10, 11, 10),
        165,
    ),
    (
        "Döngüsel Ekonomi Eylem Planı ve Sürdürülebilir Ürünler",
        "Circular Economy Action Plan and sustainable products",
        datetime.datetime(2023, 2, 21, 10),
        160,
    ),
]
PATH = [
    (
        "Firma Elçisi Eğitimi 1: Döngüsel Ekonominin Temelleri",
        "Company ambassador training 1: circular economy basics",
        datetime.datetime(2022, 9, 6, 9),
        2,
    ),
    (
        "Firma Elçisi Eğitimi 2: Kaynak Verimliliği ve Endüstriyel Simbiyoz",
        "Company ambassador training 2: resource efficiency and industrial symbiosis",
        datetime.datetime(2022, 11, 8, 9),
        2,
    ),
]
# title, English title, first day, sessions of 4 hours, participants, completed (= certificates)
COURSES = [
    (
        "Temiz Üretim Sertifika Programı",
        "Cleaner Production Certificate Programme",
        datetime.datetime(2022, 11, 21, 9),
        6,
        55,
        50,
    ),
    (
        "Karbon Ayak İzi Sertifika Programı",
        "Carbon Footprint Certificate Programme",
        datetime.datetime(2023, 1, 16, 9),
        4,
        50,
        45,
    ),
    (
        "Döngüsel İş Modelleri Sertifika Programı",
        "Circular Business Models Certificate Programme",
        datetime.datetime(2023, 4, 10, 9),
        5,
        48,
        42,
    ),
]
OUTREACH = [  # school name, title, date, students, teachers, materials
    (
        "İkitelli Mesleki ve Teknik Anadolu Lisesi",
        "Atıktan Ürüne Atölyesi",
        datetime.date(2022, 11, 3),
        78,
        4,
        "Döngüsel ekonomi sunumu, tekstil kırpıntısı örnek kiti",
    ),
    (
        "İkitelli Mesleki ve Teknik Anadolu Lisesi",
        "Fabrika Ziyareti: Geri Kazanım Hattı",
        datetime.date(2023, 3, 9),
        80,
        5,
        "Tesis gezisi rehberi, güvenlik ekipmanı",
    ),
    (
        "Tuzla Mesleki ve Teknik Anadolu Lisesi",
        "Kaynak Verimliliği Semineri",
        datetime.date(2022, 12, 1),
        85,
        4,
        "Enerji ve su verimliliği sunumu, ölçüm cihazı gösterimi",
    ),
    (
        "Tuzla Mesleki ve Teknik Anadolu Lisesi",
        "Plastik Geri Dönüşüm Atölyesi",
        datetime.date(2023, 4, 6),
        70,
        2,
        "Polimer türleri örnek seti, ayrıştırma oyunu",
    ),
    (
        "Çerkezköy Mesleki ve Teknik Anadolu Lisesi",
        "Tekstilde Döngüsellik",
        datetime.date(2023, 1, 12),
        82,
        5,
        "Lif ayrıştırma örnekleri, video",
    ),
    (
        "Çerkezköy Mesleki ve Teknik Anadolu Lisesi",
        "Karbon Ayak İzi Hesaplama Oyunu",
        datetime.date(2023, 5, 4),
        76,
        4,
        "Hesaplama çalışma kâğıtları",
    ),
    (
        "Gebze Mesleki ve Teknik Anadolu Lisesi",
        "Beyaz Eşyada Tamir ve Yeniden Üretim",
        datetime.date(2023, 2, 16),
        79,
        3,
        "Sökülmüş kompresör, parça kataloğu",
    ),
    (
        "Gebze Mesleki ve Teknik Anadolu Lisesi",
        "Endüstriyel Simbiyoz Nedir?",
        datetime.date(2023, 5, 18),
        80,
        3,
        "Simbiyoz haritası posteri, kart oyunu",
    ),
]
SEMINAR_FIRMS = 428


def _at(naive: datetime.datetime) -> datetime.datetime:
    return naive.replace(tzinfo=TZ)


def _event(programme, kind, title, title_en, start, sessions, hours_each, capacity, **extra):
    event = Event.objects.create(
        programme=programme,
        kind=kind,
        title=title,
        title_en=title_en,
        place="İSO Odakule Konferans Salonu, Beyoğlu / İstanbul",
        starts_at=_at(start),
        ends_at=_at(start) + datetime.timedelta(days=sessions - 1, hours=hours_each),
        capacity=capacity,
        registration_opens=_at(start) - datetime.timedelta(days=30),
        registration_closes=_at(start) - datetime.timedelta(days=1),
        total_hours=Decimal(hours_each * sessions),
        **extra,
    )
    Session.objects.bulk_create(
        Session(
            event=event,
            title=f"Oturum {i + 1}",
            starts_at=_at(start) + datetime.timedelta(days=i * 7),
            ends_at=_at(start) + datetime.timedelta(days=i * 7, hours=hours_each),
            hours=Decimal(hours_each),
        )
        for i in range(sessions)
    )
    return event


def _people(prefix: str, count: int):
    names = cycle((f, last) for last in LAST for f in FIRST)
    for i in range(count):
        first, last = next(names)
        yield f"{first} {last}", f"{prefix}{i + 1:03d}@katilimci.dekvep.demo"


def _attend(event, rows) -> None:
    """bulk-create confirmed registrations from rows of
    (name, email, organisation, hours, score, user)."""
    consent = event.registration_opens + datetime.timedelta(days=1)
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                user=user,
                full_name=name,
                email=email,
                organisation_name=org.name if org else "",
                organisation=org,
                person_key=person_key(email),
                organisation_key=organisation_key(org.pk if org else None, ""),
                status=Registration.Status.CONFIRMED,
                code=new_code(),
                consent_at=consent,
                created_at=consent,
                attended_hours=Decimal(hours),
                assessment_score=score,
                completed=Decimal(hours) >= event.required_hours
                and (event.pass_score is None or (score or 0) >= event.pass_score),
            )
            for name, email, org, hours, score, user in rows
        ],
        batch_size=500,
    )
    sessions = list(event.sessions.all())
    checkins = []
    for registration in Registration.objects.filter(event=event).only("pk", "attended_hours"):
        attended = int(registration.attended_hours // sessions[0].hours)
        checkins += [
            CheckIn(registration=registration, session=s, at=s.starts_at)
            for s in sessions[:attended]
        ]
    CheckIn.objects.bulk_create(checkins, batch_size=1000)
    return registrations


def _seminar_firms(programme) -> list[Organisation]:
    existing = list(
        Organisation.objects.filter(
            kind__in=["manufacturer", "other", "solution_provider"]
        ).order_by("pk")
    )
    existing = existing[:SEMINAR_FIRMS]
    missing = SEMINAR_FIRMS - len(existing)
    names = (f"{w} {t} San. ve Tic. Ltd. Şti." for t in FIRM_TRADES for w in FIRM_WORDS)
    taken = set(Organisation.objects.values_list("name", flat=True))
    new = []
    for name in names:
        if len(new) == missing:
            break
        if name not in taken:
            new.append(Organisation(name=name, kind="manufacturer", province="İstanbul"))
    Organisation.objects.bulk_create(new, batch_size=500)
    created = list(Organisation.objects.filter(name__in=[o.name for o in new]))
    return existing + created


def _seminars(programme) -> None:
    firms = _seminar_firms(programme)
    people = list(_people("seminer", sum(s[3] for s in SEMINARS)))
    start = 0
    for title, title_en, when, count in SEMINARS:
        event = _event(programme, Event.Kind.SEMINAR, title, title_en, when, 1, 3, 200)
        rows = [
            (name, email, firms[(start + i) % len(firms)], 3, None, None)
            for i, (name, email) in enumerate(people[start : start + count])
        ]
        _attend(event, rows)
        start += count


def _ambassadors(programme) -> None:
    password = make_password(PASSWORD)
    participations = Participation.objects.filter(programme=programme).select_related(
        "organisation"
    )
    elci = User.objects.filter(email="elci@dekvep.demo").first()
    chosen = []
    new_users = []
    for n, participation in enumerate(participations.order_by("pk")):
        org = participation.organisation
        current = list(
            Membership.objects.filter(
                organisation=org, role=Membership.Role.AMBASSADOR
            ).select_related("user")
        )
        users = [m.user for m in current][:2]
        for k in range(2 - len(users)):
            email = f"elci{n + 1:02d}{'ab'[k]}@dekvep.demo"
            name = f"{FIRST[(n * 2 + k) % len(FIRST)]} {LAST[(n * 3 + k) % len(LAST)]}"
            new_users.append((org, User(email=email, full_name=name, password=password)))
        chosen.append((org, users))
    User.objects.bulk_create([u for _, u in new_users], ignore_conflicts=True)
    by_email = {u.email: u for u in User.objects.filter(email__in=[u.email for _, u in new_users])}
    memberships = []
    for org, user in new_users:
        memberships.append(
            Membership(user=by_email[user.email], organisation=org, role=Membership.Role.AMBASSADOR)
        )
        next(users for o, users in chosen if o == org).append(by_email[user.email])
    Membership.objects.bulk_create(memberships, ignore_conflicts=True)
    Ambassador.objects.bulk_create(
        [
            Ambassador(
                programme=programme,
                organisation=org,
                user=user,
                named_at=_at(datetime.datetime(2022, 6, 1)),
            )
            for org, users in chosen
            for user in users
        ],
        ignore_conflicts=True,
    )
    for title, title_en, when, sessions in PATH:
        event = _event(
            programme,
            Event.Kind.TRAINING,
            title,
            title_en,
            when,
            sessions,
            3,
            50,
            ambassador_path=True,
        )
        _attend(
            event, [(u.full_name, u.email, org, 6, None, u) for org, users in chosen for u in users]
        )
    assert elci is None or any(elci in users for _, users in chosen)


def _courses(programme) -> None:
    issuer = programme.operator.name
    for index, (title, title_en, when, sessions, participants, completed) in enumerate(COURSES):
        assessed = index == 0
        event = _event(
            programme,
            Event.Kind.CERTIFICATE_PROGRAMME,
            title,
            title_en,
            when,
            sessions,
            4,
            60,
            pass_score=Decimal(60) if assessed else None,
        )
        rows = []
        for i, (name, email) in enumerate(_people(f"sertifika{index + 1}-", participants)):
            done = i < completed
            hours = 4 * sessions if done else 4 * (sessions // 2)
            score = (Decimal(70 + i % 25) if done else Decimal(45)) if assessed else None
            rows.append((name, email, None, hours, score, None))
        _attend(event, rows)
        issued_at = event.ends_at + datetime.timedelta(days=7)
        Certificate.objects.bulk_create(
            [
                Certificate(
                    event=event,
                    registration=r,
                    code=new_code(),
                    holder_name=r.full_name,
                    holder_key=r.person_key,
                    title=title,
                    title_en=title_en,
                    hours=event.total_hours,
                    issuer=issuer,
                    issued_at=issued_at,
                )
                for r in Registration.objects.filter(event=event, completed=True)
            ],
            batch_size=500,
        )


def _outreach(programme) -> None:
    schools = {o.name: o for o in Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)}
    OutreachActivity.objects.bulk_create(
        OutreachActivity(
            programme=programme,
            school=schools[school],
            title=title,
            held_on=day,
            students=students,
            teachers=teachers,
            materials=materials,
        )
        for school, title, day, students, teachers, materials in OUTREACH
        if school in schools
    )


def _upcoming(programme) -> None:
    start = (timezone.now() + datetime.timedelta(days=21)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    event = Event.objects.create(
        programme=programme,
        kind=Event.Kind.TRAINING,
        title="SKDM Raporlama Uygulama Eğitimi",
        title_en="CBAM reporting hands-on training",
        description="Geçiş dönemi SKDM raporunun adım adım hazırlanması.",
        place="İSO Odakule, Beyoğlu / İstanbul",
        online_url="https://meet.dekvep.demo/skdm",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        capacity=30,
        registration_opens=timezone.now() - datetime.timedelta(days=7),
        registration_closes=start - datetime.timedelta(days=1),
        total_hours=Decimal(4),
    )
    Session.objects.create(
        event=event,
        title="Ana oturum",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        hours=Decimal(4),
    )


def load(programme, stdout=None):
    if Event.objects.filter(programme=programme, title=SEMINARS[0][0]).exists():
        return []
    _seminars(programme)
    _ambassadors(programme)
    _courses(programme)
    _outreach(programme)
    _upcoming(programme)
    if stdout:
        stdout.write(
            "  events: " + ", ".join(f"{k}={v}" for k, v in all_figures(programme).items())
        )
    return []

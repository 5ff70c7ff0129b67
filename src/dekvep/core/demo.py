"""The demo programme ``dekvep-2022``, shaped like the reference Istanbul programme.

Running it again changes nothing: every object is looked up by a natural key first.
Each domain app adds its part through ``dekvep.<app>.demo.load(programme, stdout)``.
"""

import datetime
from importlib import import_module

from django.db import transaction

from .models import Membership, Organisation, Participation, Programme, Site, StaffAssignment, User
from .services import sector_of
from .validators import vkn_check_digit

PASSWORD = "demo-DEKVEP-2022"
SLUG = "dekvep-2022"
# Each app's demo.load(programme, stdout) adds its part, in this order (calls select the firms
# the others work with; the register of roadmaps counts what symbiosis and calls registered).
APPS = ["calls", "assessment", "symbiosis", "roadmaps", "plans", "events", "readiness", "impact"]

# Organised industrial zones around Istanbul with the coordinates of their centres.
ZONES = {
    "İkitelli OSB": ("İstanbul", "Başakşehir", 41.0667, 28.7944),
    "Dudullu OSB": ("İstanbul", "Ümraniye", 41.0050, 29.1590),
    "Tuzla OSB": ("İstanbul", "Tuzla", 40.8640, 29.3260),
    "Beylikdüzü OSB": ("İstanbul", "Beylikdüzü", 41.0040, 28.6420),
    "Hadımköy": ("İstanbul", "Arnavutköy", 41.1560, 28.6190),
    "Çerkezköy OSB": ("Tekirdağ", "Kapaklı", 41.2900, 27.9950),
    "Gebze OSB": ("Kocaeli", "Gebze", 40.8530, 29.4520),
    "Dilovası OSB": ("Kocaeli", "Dilovası", 40.7830, 29.5300),
    "Çorlu Deri OSB": ("Tekirdağ", "Çorlu", 41.1600, 27.8000),
    "Esenyurt": ("İstanbul", "Esenyurt", 41.0340, 28.6800),
}

MANUFACTURERS = {
    "textile": [
        ("Boğaziçi Örme Tekstil A.Ş.", ["13.91", "13.30"], "İkitelli OSB", "250+"),
        ("Anadolu Denim Konfeksiyon A.Ş.", ["14.13"], "Hadımköy", "250+"),
        ("Trakya Boya Apre San. A.Ş.", ["13.30"], "Çerkezköy OSB", "50-249"),
        ("Marmara İplik San. Ltd. Şti.", ["13.10"], "Çorlu Deri OSB", "50-249"),
        ("Yıldız Konfeksiyon Ltd. Şti.", ["14.13", "14.19"], "Esenyurt", "50-249"),
        ("Ege Havlu Dokuma A.Ş.", ["13.20", "13.92"], "Beylikdüzü OSB", "50-249"),
        ("Kuzey Teknik Tekstil A.Ş.", ["13.95", "13.96"], "Tuzla OSB", "10-49"),
    ],
    "plastics": [
        ("Polimer Ambalaj San. A.Ş.", ["22.22"], "Dudullu OSB", "250+"),
        ("Ekstrüzyon Film Plastik Ltd. Şti.", ["22.21", "22.22"], "İkitelli OSB", "50-249"),
        ("Tuzla Enjeksiyon Kalıp A.Ş.", ["22.29"], "Tuzla OSB", "50-249"),
        ("Gebze Boru Profil A.Ş.", ["22.21", "22.23"], "Gebze OSB", "250+"),
        ("Beyaz Köpük Yalıtım San. A.Ş.", ["22.21"], "Dilovası OSB", "50-249"),
        ("Renk Masterbatch Kimya Ltd. Şti.", ["22.29", "20.16"], "Beylikdüzü OSB", "10-49"),
        ("Hadımköy PET Preform A.Ş.", ["22.22"], "Hadımköy", "50-249"),
    ],
    "white_goods": [
        ("Marmara Beyaz Eşya A.Ş.", ["27.51"], "Tuzla OSB", "250+"),
        ("Çerkezköy Soğutma Sistemleri A.Ş.", ["27.51", "28.25"], "Çerkezköy OSB", "250+"),
        ("Gebze Kompresör San. A.Ş.", ["27.51", "28.13"], "Gebze OSB", "250+"),
        ("Dudullu Metal Pres Parça Ltd. Şti.", ["27.51", "25.50"], "Dudullu OSB", "50-249"),
        ("İkitelli Ankastre Cihaz A.Ş.", ["27.51"], "İkitelli OSB", "50-249"),
        ("Dilovası Emaye Kaplama A.Ş.", ["27.51", "25.61"], "Dilovası OSB", "50-249"),
        ("Beylikdüzü Elektrikli Ev Aletleri Ltd. Şti.", ["27.51"], "Beylikdüzü OSB", "50-249"),
    ],
}

# Organisations a programme works with: receivers of by-products, recyclers, providers, schools.
PARTNERS = [
    ("Hereke Çimento Fabrikası A.Ş.", "other", ["23.51"], "Kocaeli", "Körfez", 40.7930, 29.6200),
    (
        "Büyükçekmece Çimento San. A.Ş.",
        "other",
        ["23.51"],
        "İstanbul",
        "Büyükçekmece",
        41.0250,
        28.5700,
    ),
    ("Çorlu Kağıt Karton A.Ş.", "other", ["17.12"], "Tekirdağ", "Çorlu", 41.1700, 27.8200),
    ("İzmit Oluklu Mukavva A.Ş.", "other", ["17.21"], "Kocaeli", "İzmit", 40.7700, 29.9400),
    (
        "Dilovası Elektrik Ark Ocağı Çelik A.Ş.",
        "other",
        ["24.10"],
        "Kocaeli",
        "Dilovası",
        40.7750,
        29.5200,
    ),
    ("Aliağa Çelik Haddehane A.Ş.", "other", ["24.10"], "İzmir", "Aliağa", 38.8000, 26.9700),
    ("Trakya Cam Ambalaj A.Ş.", "other", ["23.13"], "Kırklareli", "Lüleburgaz", 41.4000, 27.3500),
    (
        "Marmara Geri Dönüşüm Tekstil Ltd. Şti.",
        "other",
        ["38.32"],
        "İstanbul",
        "Esenyurt",
        41.0300,
        28.6700,
    ),
    ("Çorlu Keçe ve Nonwoven A.Ş.", "other", ["13.95"], "Tekirdağ", "Çorlu", 41.1600, 27.8000),
    (
        "Rejenere Elyaf İplik A.Ş.",
        "other",
        ["13.10"],
        "Kahramanmaraş",
        "Onikişubat",
        37.5800,
        36.9300,
    ),
    ("Gebze Plastik Geri Kazanım A.Ş.", "other", ["38.32"], "Kocaeli", "Gebze", 40.8200, 29.4000),
    (
        "İkitelli Granül Rejenere Ltd. Şti.",
        "other",
        ["38.32", "22.29"],
        "İstanbul",
        "Başakşehir",
        41.0700,
        28.8000,
    ),
    (
        "Tuzla Metal Hurda Ticaret A.Ş.",
        "other",
        ["38.32", "46.77"],
        "İstanbul",
        "Tuzla",
        40.8400,
        29.3000,
    ),
    ("Dilovası Alüminyum Döküm A.Ş.", "other", ["24.53"], "Kocaeli", "Dilovası", 40.7900, 29.5400),
    ("Anadolu Bakır Rafineri A.Ş.", "other", ["24.44"], "Kocaeli", "Gebze", 40.8000, 29.4300),
    ("Silivri Biyogaz Enerji A.Ş.", "other", ["35.21"], "İstanbul", "Silivri", 41.0800, 28.2500),
    ("Trakya Yem Fabrikası A.Ş.", "other", ["10.91"], "Tekirdağ", "Süleymanpaşa", 40.9800, 27.5100),
    ("Kocaeli Yonga Levha A.Ş.", "other", ["16.21"], "Kocaeli", "Kartepe", 40.7500, 30.0200),
    (
        "Arnavutköy Tuğla Kiremit A.Ş.",
        "other",
        ["23.32"],
        "İstanbul",
        "Arnavutköy",
        41.1900,
        28.7400,
    ),
    ("Çatalca Kompost Tesisi", "public_body", ["38.21"], "İstanbul", "Çatalca", 41.1400, 28.4600),
    ("Marmara Atık Yağ Rafinasyon A.Ş.", "other", ["38.22"], "Kocaeli", "Körfez", 40.7700, 29.7600),
    ("Tuzla Solvent Geri Kazanım A.Ş.", "other", ["38.22"], "İstanbul", "Tuzla", 40.8500, 29.3400),
    (
        "Palet ve Ahşap Ambalaj Ltd. Şti.",
        "other",
        ["16.24"],
        "İstanbul",
        "Hadımköy",
        41.1500,
        28.6100,
    ),
    (
        "Yalıtım Malzemeleri San. A.Ş.",
        "other",
        ["23.99"],
        "Tekirdağ",
        "Çerkezköy",
        41.2800,
        28.0000,
    ),
    ("Döngü Teknoloji A.Ş.", "solution_provider", [], "İstanbul", "Sarıyer", 41.1050, 29.0230),
    (
        "SuVerim Arıtma Çözümleri Ltd. Şti.",
        "solution_provider",
        [],
        "İstanbul",
        "Esenler",
        41.0530,
        28.8920,
    ),
    ("Karbon Takip Yazılım A.Ş.", "solution_provider", [], "İstanbul", "Maslak", 41.1100, 29.0200),
    (
        "PU Geri Dönüşüm Ar-Ge Ltd. Şti.",
        "solution_provider",
        [],
        "Kocaeli",
        "Gebze",
        40.7850,
        29.4500,
    ),
    (
        "Enerji Verimliliği Danışmanlık A.Ş.",
        "solution_provider",
        [],
        "İstanbul",
        "Kadıköy",
        40.9900,
        29.0300,
    ),
    (
        "Tekstil Lifi Ayrıştırma Teknolojileri A.Ş.",
        "solution_provider",
        [],
        "Bursa",
        "Nilüfer",
        40.2200,
        28.9700,
    ),
    (
        "Akıllı Sayaç Sistemleri Ltd. Şti.",
        "solution_provider",
        [],
        "Ankara",
        "Çankaya",
        39.9000,
        32.8600,
    ),
    ("Biyoplastik İnovasyon A.Ş.", "solution_provider", [], "İzmir", "Urla", 38.3300, 26.7700),
    (
        "Isı Geri Kazanım Sistemleri A.Ş.",
        "solution_provider",
        [],
        "İstanbul",
        "Pendik",
        40.8800,
        29.2500,
    ),
    (
        "Dijital Atık Pazaryeri Ltd. Şti.",
        "solution_provider",
        [],
        "İstanbul",
        "Şişli",
        41.0600,
        28.9900,
    ),
    (
        "İkitelli Mesleki ve Teknik Anadolu Lisesi",
        "school",
        [],
        "İstanbul",
        "Başakşehir",
        41.0650,
        28.8000,
    ),
    ("Tuzla Mesleki ve Teknik Anadolu Lisesi", "school", [], "İstanbul", "Tuzla", 40.8200, 29.3000),
    (
        "Çerkezköy Mesleki ve Teknik Anadolu Lisesi",
        "school",
        [],
        "Tekirdağ",
        "Çerkezköy",
        41.2850,
        28.0000,
    ),
    ("Gebze Mesleki ve Teknik Anadolu Lisesi", "school", [], "Kocaeli", "Gebze", 40.8000, 29.4300),
    (
        "İl Çevre, Şehircilik ve İklim Değişikliği Müdürlüğü",
        "public_body",
        [],
        "İstanbul",
        "Fatih",
        41.0150,
        28.9500,
    ),
    ("Marmara Kalkınma Fonu", "funder", [], "İstanbul", "Beyoğlu", 41.0350, 28.9800),
]

OPERATOR = (
    "Marmara Sanayi Odası — Döngüsel Ekonomi Merkezi",
    "İstanbul",
    "Beyoğlu",
    41.0370,
    28.9850,
)

STAFF = [
    ("Programme manager", "yonetici@dekvep.demo", "Ayşe Yılmaz", StaffAssignment.Role.MANAGER),
    ("Analyst", "analist@dekvep.demo", "Mehmet Kaya", StaffAssignment.Role.ANALYST),
    ("Analyst", "analist2@dekvep.demo", "Zeynep Demir", StaffAssignment.Role.ANALYST),
    ("Facilitator", "kolaylastirici@dekvep.demo", "Can Öztürk", StaffAssignment.Role.FACILITATOR),
    ("Jury member", "juri@dekvep.demo", "Prof. Dr. Elif Şahin", StaffAssignment.Role.JURY),
    ("Funder viewer", "fon@dekvep.demo", "Burak Aydın", StaffAssignment.Role.FUNDER),
]


def demo_vkn(index: int) -> str:
    first_nine = f"{7000000 + index * 7919:09d}"[-9:]
    return first_nine + str(vkn_check_digit(first_nine))


def _user(email: str, name: str, language: str = "tr") -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "preferred_language": language}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _organisation(name, kind, nace, province, district, zone, lat, lon, band="", index=0):
    organisation, _created = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "kind": kind,
            "nace_codes": nace,
            "sector": sector_of(nace),
            "province": province,
            "district": district,
            "industrial_zone": zone,
            "address": f"{zone or district}, {district} / {province}",
            "latitude": lat,
            "longitude": lon,
            "employee_band": band,
            "tax_number": demo_vkn(index),
        },
    )
    Site.objects.get_or_create(
        organisation=organisation,
        name="Merkez tesis",
        defaults={
            "address": organisation.address,
            "province": province,
            "district": district,
            "industrial_zone": zone,
            "latitude": lat,
            "longitude": lon,
        },
    )
    return organisation


def _base(stdout=None) -> tuple[Programme, list[tuple[str, str, str]]]:
    operator = _organisation(
        OPERATOR[0], "operator", [], OPERATOR[1], OPERATOR[2], "", *OPERATOR[3:], index=1
    )
    programme, _created = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "DEKVEP 2022 — İstanbul Döngüsel Ekonomi Programı",
            "description": "Tekstil, plastik ve beyaz eşya sektörlerinde kaynak verimliliği, "
            "döngüsellik ve endüstriyel simbiyoz programı (18 ay).",
            "starts_on": datetime.date(2022, 3, 1),
            "ends_on": datetime.date(2023, 8, 31),
            "priority_sectors": ["textile", "plastics", "white_goods"],
            "operator": operator,
        },
    )
    logins = []
    staff_users = {}
    for label, email, name, role in STAFF:
        user = _user(email, name)
        StaffAssignment.objects.get_or_create(programme=programme, user=user, role=role)
        if role != StaffAssignment.Role.FUNDER and role != StaffAssignment.Role.JURY:
            Membership.objects.get_or_create(
                user=user, organisation=operator, defaults={"role": "member"}
            )
        staff_users.setdefault(role, []).append(user)
        logins.append((label, email, PASSWORD))
    analysts = staff_users[StaffAssignment.Role.ANALYST]
    index = 10
    firms_by_sector = {}
    for sector, firms in MANUFACTURERS.items():
        for position, (name, nace, zone, band) in enumerate(firms):
            province, district, lat, lon = ZONES[zone]
            index += 1
            firm = _organisation(
                name, "manufacturer", nace, province, district, zone, lat, lon, band, index
            )
            Participation.objects.get_or_create(
                programme=programme,
                organisation=firm,
                defaults={
                    "sector": sector,
                    "analyst": analysts[position % len(analysts)],
                    "joined_on": datetime.date(2022, 5, 2),
                },
            )
            firms_by_sector.setdefault(sector, []).append(firm)
    for name, kind, nace, province, district, lat, lon in PARTNERS:
        index += 1
        _organisation(name, kind, nace, province, district, "", lat, lon, "", index)
    funder_org = Organisation.objects.get(name="Marmara Kalkınma Fonu")
    Membership.objects.get_or_create(
        user=staff_users[StaffAssignment.Role.FUNDER][0],
        organisation=funder_org,
        defaults={"role": "member"},
    )
    members = [
        (
            "Firm administrator (textile)",
            "firma@dekvep.demo",
            "Hakan Çelik",
            firms_by_sector["textile"][0],
            "admin",
        ),
        (
            "Company ambassador (textile)",
            "elci@dekvep.demo",
            "Selin Arslan",
            firms_by_sector["textile"][0],
            "ambassador",
        ),
        (
            "Firm administrator (plastics)",
            "plastik@dekvep.demo",
            "Murat Koç",
            firms_by_sector["plastics"][0],
            "admin",
        ),
        (
            "Firm administrator (white goods)",
            "beyazesya@dekvep.demo",
            "Deniz Yıldırım",
            firms_by_sector["white_goods"][0],
            "admin",
        ),
        (
            "Solution provider",
            "cozum@dekvep.demo",
            "Emre Polat",
            Organisation.objects.get(name="Döngü Teknoloji A.Ş."),
            "admin",
        ),
        (
            "Receiver (recycler)",
            "geridonusum@dekvep.demo",
            "Gül Kurt",
            Organisation.objects.get(name="Marmara Geri Dönüşüm Tekstil Ltd. Şti."),
            "admin",
        ),
    ]
    for label, email, name, organisation, role in members:
        user = _user(email, name)
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        logins.append((label, email, PASSWORD))
    admin = _user("admin@dekvep.demo", "Site Administrator", "en")
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    logins.append(("Site administrator", "admin@dekvep.demo", PASSWORD))
    return programme, logins


def load_demo(stdout=None) -> list[tuple[str, str, str]]:
    """Create (or complete) the demo programme; returns the logins as (role, e-mail, password)."""
    with transaction.atomic():
        programme, logins = _base(stdout)
    for app in APPS:
        module = import_module(f"dekvep.{app}.demo")
        if stdout:
            stdout.write(f"Loading demo data: {app} …")
        with transaction.atomic():
            extra = module.load(programme, stdout)
        logins.extend(extra or [])
    return logins

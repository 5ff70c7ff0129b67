"""Demo: 12 workshops, 3 sector roadmaps with action plans and firm-level plans, 6 cluster
meetings with needs and follow-ups; the symbiosis workshops' tables fill the collaboration
register (``dekvep.symbiosis.demo_workshops``).

Idempotent: every object is looked up by a natural key first.
"""

import datetime
import random

from django.utils import timezone

from dekvep.core.models import Participation, StaffAssignment, User
from dekvep.plans.models import Action, ActionPlan, ProgressUpdate
from dekvep.symbiosis import demo_workshops

from . import instruments, services
from .models import (
    Barrier,
    ClusterMeeting,
    ClusterNeed,
    Roadmap,
    RoadmapComment,
    RoadmapMeasure,
    RoadmapVersion,
    StrategicGoal,
    Vote,
    VoteItem,
    Workshop,
)
from .selectors import vote_results

SECTOR_NAMES = {"textile": "Tekstil", "plastics": "Plastik", "white_goods": "Beyaz Eşya"}
SESSIONS = [
    (1, Workshop.Kind.ROADMAP, "Mevcut durum ve döngüsellik açıkları"),
    (2, Workshop.Kind.ROADMAP, "Vizyon ve stratejik hedefler"),
    (3, Workshop.Kind.SYMBIOSIS, "Endüstriyel simbiyoz eşleştirme"),
    (4, Workshop.Kind.ROADMAP, "Eylem planı ve önceliklendirme"),
]
CONTENT = {
    "textile": {
        "vision": "2030'a kadar Marmara tekstil sektörü suyu iki kez kullanan, kesim atığını "
        "lif olarak geri kazanan ve ürün pasaportuna hazır bir sektör olacak.",
        "goals": [
            ("Su tüketimini azaltmak", "Ton ürün başına su tüketimi", "m³/t", 120, 70),
            (
                "Kesim atığını lif olarak geri kazanmak",
                "Geri kazanılan kesim atığı oranı",
                "%",
                15,
                60,
            ),
            ("Enerji yoğunluğunu düşürmek", "Ton ürün başına enerji", "MWh/t", 9.5, 7.0),
            (
                "SKDM ve AB tekstil stratejisine uyum",
                "Ürün karbon ayak izi hesaplanan firma",
                "firma",
                2,
                21,
            ),
        ],
        "barriers": [
            "Karışık elyaflı atıkların ayrıştırılamaması",
            "Arıtılmış suyun kalitesi",
            "Geri dönüştürülmüş iplik talebinin düşüklüğü",
            "Ölçüm ve izleme eksikliği",
        ],
        "measures": [
            "Boyahanelerde su sayacı ve geri kazanım pilotu",
            "Kesim atığı ayrıştırma merkezi fizibilitesi",
            "Rejenere lif içeren ürün için alıcı taahhüt platformu",
            "Stenter baca gazından ısı geri kazanımı",
            "Firma elçileri için karbon ayak izi eğitimi",
        ],
    },
    "plastics": {
        "vision": "2030'a kadar plastik sektörü üretim firelerinin tamamını ve ambalaj atığının "
        "yarısını yeniden granüle dönüştüren, geri dönüştürülmüş içerikle tasarlayan "
        "bir sektör olacak.",
        "goals": [
            (
                "Üretim firesini kapalı döngüde değerlendirmek",
                "Kırma olarak geri dönen fire",
                "%",
                55,
                95,
            ),
            ("Geri dönüştürülmüş içerik oranını artırmak", "Üründe rPET/rPP oranı", "%", 8, 30),
            ("Enerji verimliliği", "Kg ürün başına elektrik", "kWh/kg", 1.6, 1.2),
            ("Tasarımda döngüsellik", "Tek malzemeli ambalaj oranı", "%", 20, 60),
        ],
        "barriers": [
            "Geri dönüştürülmüş hammaddenin kalite belirsizliği",
            "Renkli ve çok katmanlı ambalaj",
            "Toplama altyapısının parçalı olması",
            "Gıda temaslı onay süreçleri",
        ],
        "measures": [
            "Fire kırma ve yeniden besleme hatları",
            "rPET kalite test protokolü",
            "Tek malzemeli ambalaj tasarım kılavuzu",
            "Kalıp ısıtma enerji denetimi",
            "Granül alım-satım için materyal pazaryeri kullanımı",
        ],
    },
    "white_goods": {
        "vision": "2030'a kadar beyaz eşya sektörü metal ve plastik hurdayı sektör içinde "
        "değerlendiren, yeniden üretim ve tamir edilebilirliği tasarıma katan bir sektör olacak.",
        "goals": [
            (
                "Metal hurdanın sektör içinde değerlendirilmesi",
                "Sektör içi geri dönen metal",
                "%",
                35,
                70,
            ),
            (
                "Poliüretan köpük atığının geri kazanımı",
                "Geri kazanılan PU köpük",
                "t/yıl",
                120,
                900,
            ),
            ("Boya ve emaye hattında enerji verimliliği", "Ürün başına enerji", "kWh/adet", 18, 13),
            ("Tamir edilebilir tasarım", "Yedek parça erişim süresi", "yıl", 7, 10),
        ],
        "barriers": [
            "PU köpüğün ayrıştırılması",
            "Emaye atığının tehlikeli sınıflandırılması",
            "Tedarikçilerle veri paylaşımı eksikliği",
            "Ters lojistik maliyeti",
        ],
        "measures": [
            "PU köpük glikoliz pilot çalışması",
            "Emaye çamuru için atık kodu ve bertaraf analizi",
            "Tedarikçi döngüsellik veri formu",
            "Pres hurdasının çelikhaneye doğrudan sevki",
            "Yeniden üretim (remanufacturing) iş modeli çalıştayı",
        ],
    },
}
NEEDS = {
    ClusterNeed.Type.COLLABORATION: "Ortak {x} geri kazanım hattı için firma ortaklığı",
    ClusterNeed.Type.SKILL_GAP: "{x} alanında yaşam döngüsü analizi (LCA) yetkinliği",
    ClusterNeed.Type.TECHNOLOGY: "{x} için ayrıştırma teknolojisi transferi",
    ClusterNeed.Type.FINANCE: "{x} yatırımı için yeşil finansmana erişim",
}
NEED_TOPIC = {"textile": "tekstil atığı", "plastics": "plastik fire", "white_goods": "PU köpük"}


def _aware(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load(programme, stdout=None):
    rng = random.Random(2022)
    facilitator = _staff(programme, StaffAssignment.Role.FACILITATOR)
    manager = _staff(programme, StaffAssignment.Role.MANAGER)
    firms = _firms_by_sector(programme)
    for index, sector in enumerate(("textile", "plastics", "white_goods")):
        if sector not in firms:
            continue
        workshops = _workshops(programme, sector, index, firms[sector], facilitator, rng)
        roadmap = _roadmap(programme, sector, manager, firms[sector])
        _sector_plan(programme, roadmap, firms[sector], rng)
        _firm_plans(programme, firms[sector], rng)
        _meetings(programme, sector, index, firms[sector], facilitator, rng)
        if stdout:
            stdout.write(f"  roadmaps: {sector}: {len(workshops)} workshops")
    # The symbiosis workshops' tables fill the collaboration register through workshop mode.
    demo_workshops.load(programme, stdout)
    return []


def _staff(programme, role):
    assignment = (
        StaffAssignment.objects.filter(programme=programme, role=role)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment else None


def _firms_by_sector(programme):
    result = {}
    for participation in Participation.objects.filter(programme=programme).select_related(
        "organisation"
    ):
        if participation.sector:
            result.setdefault(participation.sector, []).append(participation.organisation)
    return result


def _members(organisations):
    return list(User.objects.filter(memberships__organisation__in=organisations).distinct())


def _workshops(programme, sector, index, firms, facilitator, rng):
    start = programme.starts_on + datetime.timedelta(days=120)
    people = _members(firms)
    created = []
    for number, kind, topic in SESSIONS:
        day = start + datetime.timedelta(days=30 * number + 7 * index)
        open_vote = sector == "textile" and number == 4
        workshop, new = Workshop.objects.get_or_create(
            programme=programme,
            sector=sector,
            kind=kind,
            session_number=number,
            defaults={
                "title": f"{SECTOR_NAMES[sector]} Çalıştayı {number}: {topic}",
                "starts_at": _aware(day),
                "duration_hours": 4,
                "place": "İstanbul Sanayi Odası, Odakule toplantı salonu" if number % 2 else "",
                "online_link": "" if number % 2 else "https://toplanti.dekvep.demo/calistay",
                "agenda": "09:30 Açılış\n10:00 Sunum: sektör değerlendirme raporu\n"
                "11:00 Grup çalışması\n12:30 Önceliklendirme oylaması\n13:00 Kapanış",
                "notes": "Katılımcılar öncelikleri oyladı; "
                "sonuçlar yol haritası taslağına işlendi.",
                "vote_allowance": 5,
                "voting": Workshop.Voting.OPEN if open_vote else Workshop.Voting.NOT_STARTED,
            },
        )
        created.append(workshop)
        if not new:
            continue
        if facilitator:
            workshop.facilitators.add(facilitator)
        workshop.invited_organisations.set(firms)
        workshop.invited_people.set(people)
        attending = [f for f in firms if rng.random() < 0.85] or firms[:1]
        workshop.attending_organisations.set(attending)
        workshop.attending_people.set([p for p in people if rng.random() < 0.8])
        content = CONTENT[sector]
        proposals = [g[0] for g in content["goals"]] if number <= 2 else content["measures"]
        items = [
            VoteItem.objects.create(
                workshop=workshop, kind="goal" if number <= 2 else "action", title=title, order=i
            )
            for i, title in enumerate(proposals)
        ]
        if open_vote:
            continue
        for voter in people:
            for item, count in zip(rng.sample(items, 2), (3, 2), strict=True):
                Vote.objects.create(item=item, voter=voter, count=count)

        workshop.voting = Workshop.Voting.CLOSED
        workshop.voting_closed_at = workshop.starts_at + datetime.timedelta(hours=3)
        workshop.outcome = [
            {
                "rank": r["rank"],
                "item": r["id"],
                "title": r["title"],
                "votes": r["votes"],
                "voters": r["voters"],
            }
            for r in vote_results(workshop)
        ]
        workshop.save()
    return created


def _roadmap(programme, sector, manager, firms):
    content = CONTENT[sector]
    roadmap, new = Roadmap.objects.get_or_create(
        programme=programme,
        sector=sector,
        defaults={"title": f"{SECTOR_NAMES[sector]} Sektörü Döngüsel Ekonomi Yol Haritası"},
    )
    if not new:
        return roadmap
    published_on = programme.starts_on + datetime.timedelta(days=300)
    version = RoadmapVersion.objects.create(
        roadmap=roadmap,
        number=1,
        status=RoadmapVersion.Status.PUBLISHED,
        vision=content["vision"],
        summary="Dört çalıştayın çıktılarıyla hazırlandı; firmaların görüşleriyle son hâlini aldı.",
        created_by=manager,
        published_at=_aware(published_on),
        consultation_until=published_on - datetime.timedelta(days=7),
    )
    _fill_version(version, content)
    if sector == "textile":
        draft = services._copy_content  # noqa: SLF001 - the demo builds v2 as the service would
        v2 = RoadmapVersion.objects.create(
            roadmap=roadmap,
            number=2,
            status=RoadmapVersion.Status.CONSULTATION,
            vision=content["vision"] + " Yeni AB tekstil stratejisi hedefleri eklendi.",
            based_on=version,
            created_by=manager,
            consultation_until=timezone.localdate() + datetime.timedelta(days=21),
        )
        draft(version, v2)
        for firm, text in zip(
            firms[:3],
            (
                "Su hedefi 2030 için iddialı; kademeli ara hedef önerilir.",
                "Kesim atığı merkezi için lojistik desteği eklenmeli.",
                "Dijital ürün pasaportu için eğitim ihtiyacı var.",
            ),
            strict=False,
        ):
            author = User.objects.filter(memberships__organisation=firm).first()
            RoadmapComment.objects.create(
                version=v2, organisation=firm, author=author, text=text, goal=v2.goals.first()
            )
    return roadmap


def _fill_version(version, content):
    goals = [
        StrategicGoal.objects.create(
            version=version,
            title=title,
            indicator=indicator,
            unit=unit,
            baseline=baseline,
            baseline_year=2022,
            target_value=target,
            target_year=2030,
            order=i,
        )
        for i, (title, indicator, unit, baseline, target) in enumerate(content["goals"])
    ]
    barriers = [Barrier.objects.create(version=version, title=t) for t in content["barriers"]]
    for i, title in enumerate(content["measures"]):
        measure = RoadmapMeasure.objects.create(
            version=version,
            title=title,
            goal=goals[i % len(goals)],
            timeframe=("2023", "2023–2024", "2024–2025")[i % 3],
        )
        measure.barriers.set([barriers[i % len(barriers)]])


def _status_for(rng):
    return rng.choice(["planned", "in_progress", "in_progress", "done", "blocked", "planned"])


def _dates(rng, status):
    today = timezone.localdate()
    if status == "done":
        start = today - datetime.timedelta(days=rng.randint(200, 400))
        return start, start + datetime.timedelta(days=rng.randint(60, 150))
    start = today - datetime.timedelta(days=rng.randint(20, 200))
    due = today + datetime.timedelta(days=rng.randint(-30, 240))
    return start, max(due, start + datetime.timedelta(days=14))


def _action(plan, title, owner, rng, **extra):
    status = extra.pop("status", None) or _status_for(rng)
    start, due = _dates(rng, status)
    if extra.get("source_id"):
        key = {"source_app": extra.pop("source_app"), "source_id": extra.pop("source_id")}
        extra.update(plan=plan, title=title)
    else:
        key = {"plan": plan, "title": title}
    action, new = Action.objects.get_or_create(
        **key,
        defaults={
            "owner_organisation": owner,
            "status": status,
            "start_date": start,
            "due_date": due,
            **extra,
        },
    )
    if new and status in ("in_progress", "done", "blocked"):
        person = User.objects.filter(memberships__organisation=owner).first()
        ProgressUpdate.objects.create(
            action=action,
            date=min(start + datetime.timedelta(days=30), timezone.localdate()),
            note="Başlangıç toplantısı yapıldı, ölçüm planı hazırlandı.",
            author=person,
            value="%20",
        )
        if status == "blocked":
            ProgressUpdate.objects.create(
                action=action,
                date=timezone.localdate(),
                status="blocked",
                note="Tedarikçi teklifi bekleniyor; bütçe onayı gecikti.",
                author=person,
            )
    return action


def _sector_plan(programme, roadmap, firms, rng):
    plan = services.plan_for(
        programme, ActionPlan.Kind.SECTOR, sector=roadmap.sector, roadmap=roadmap
    )
    version = roadmap.versions.filter(status="published").order_by("number").first()
    for i, measure in enumerate(version.measures.select_related("goal")):
        action = _action(
            plan,
            measure.title,
            firms[i % len(firms)],
            rng,
            origin=Action.Origin.ROADMAP_GOAL,
            goal=measure.goal,
            indicator=measure.goal.indicator if measure.goal else "",
            target=f"{measure.goal.target_value} {measure.goal.unit}" if measure.goal else "",
            budget_try=rng.choice([150000, 400000, 850000, 1200000]),
            funding_source=rng.choice(
                ["Firma öz kaynağı", "İSTKA mali destek", "KOSGEB", "EBRD GEFF kredisi"]
            ),
        )
        action.partners.set([f for f in firms if f != action.owner_organisation][:2])


FIRM_OPPORTUNITIES = [
    ("Basınçlı hava kaçaklarının giderilmesi", 180000, 420000, None, 95),
    ("Proses suyunun geri kazanımı", 350000, None, 18000, 12),
    ("Atık ısı geri kazanımı", 520000, 1100000, None, 230),
    ("Üretim firesinin yeniden kullanımı", 260000, None, None, 40),
]


def _firm_plans(programme, firms, rng):
    for firm in firms:
        plan = services.plan_for(programme, ActionPlan.Kind.FIRM, organisation=firm)
        chosen = [FIRM_OPPORTUNITIES[(firm.pk + k) % len(FIRM_OPPORTUNITIES)] for k in range(3)]
        for n, (title, savings, kwh, water, tco2e) in enumerate(chosen):
            _action(
                plan,
                title,
                firm,
                rng,
                origin=Action.Origin.ASSESSMENT,
                source_app="assessment.demo",
                source_id=f"{firm.pk}-{n}",
                source_label="Temiz üretim ve döngüsellik raporu, 2022",
                savings_try=savings,
                savings_energy_kwh=kwh,
                savings_water_m3=water,
                savings_tco2e=tco2e,
                budget_try=savings * rng.choice([1, 2, 3]),
            )


def _meetings(programme, sector, index, firms, facilitator, rng):
    for number in (1, 2):
        day = programme.starts_on + datetime.timedelta(days=330 + 45 * number + 5 * index)
        meeting, new = ClusterMeeting.objects.get_or_create(
            programme=programme,
            sector=sector,
            number=number,
            defaults={
                "title": f"{SECTOR_NAMES[sector]} Kümelenme Toplantısı {number}",
                "starts_at": _aware(day, 14),
                "place": "Döngüsel Ekonomi Merkezi, Beyoğlu",
                "agenda": "İşbirliği fırsatları\nBilgi ve beceri açıkları\n"
                "Teknoloji geliştirme ve transferi\nFinansmana erişim",
            },
        )
        if not new:
            continue
        if facilitator:
            meeting.facilitators.add(facilitator)
        meeting.participants.set(firms)
        meeting.participant_people.set(_members(firms))
        plan = services.plan_for(programme, ActionPlan.Kind.CLUSTER, sector=sector)
        for type_, pattern in NEEDS.items():
            title = pattern.format(x=NEED_TOPIC[sector])
            if number == 2:
                title += " (2. tur)"
            need = ClusterNeed.objects.create(
                meeting=meeting,
                type=type_,
                title=title[0].upper() + title[1:],
                instruments=[i.key for i in instruments.for_need_type(type_)],
            )
            need.organisations.set(rng.sample(firms, 3))
            if number == 2 and type_ == ClusterNeed.Type.FINANCE:
                continue  # one need per sector still waits for its follow-up
            names = "; ".join(i.name("tr") for i in instruments.by_keys(need.instruments)[:2])
            if type_ == ClusterNeed.Type.COLLABORATION and facilitator:
                # as the facilitator does after the meeting: the follow-up registers the need
                services.create_follow_up(
                    facilitator,
                    need,
                    firms[(number + len(type_)) % len(firms)],
                    title=f"Takip: {need.title}",
                    funding_source=names[:200],
                )
                continue
            action = _action(
                plan,
                f"Takip: {need.title}",
                firms[(number + len(type_)) % len(firms)],
                rng,
                origin=Action.Origin.CLUSTER_MEETING,
                source_app="roadmaps.clusterneed",
                source_id=str(need.pk),
                source_label=meeting.title,
                funding_source=names[:200],
            )
            action.partners.set(need.organisations.all())
            need.follow_up = action
            need.save(update_fields=["follow_up"])

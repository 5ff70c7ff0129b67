"""Run a workshop vote, publish a roadmap, update an action with evidence — in Turkish."""

import pytest

from dekvep.roadmaps.models import RoadmapVersion, Workshop
from tests.roadmaps.factories import (
    ActionFactory,
    GoalFactory,
    PlanFactory,
    RoadmapFactory,
    VersionFactory,
    VoteItemFactory,
    WorkshopFactory,
)

from .conftest import log_in

pytestmark = pytest.mark.browser


def test_it_runs_a_workshop_vote(page, live_server, programme, firm, people):
    workshop = WorkshopFactory(
        programme=programme, title="Tekstil Çalıştayı 4", voting=Workshop.Voting.OPEN
    )
    workshop.invited_organisations.add(firm)
    water, fibre = (
        VoteItemFactory(workshop=workshop, title="Su geri kazanımı"),
        VoteItemFactory(workshop=workshop, title="Lif geri dönüşümü"),
    )
    log_in(page, live_server, people["firm_member"])
    page.goto(f"{live_server.url}/roadmaps/workshops/{workshop.pk}/vote/")
    page.fill(f"#item_{water.pk}", "4")
    page.fill(f"#item_{fibre.pk}", "2")
    assert "fazla oy" in page.locator("#votes-left").inner_text()
    page.click("#ballot button[type=submit]")
    page.wait_for_selector("text=6 oy verdiniz; her katılımcının 5 oyu var.")
    page.fill(f"#item_{water.pk}", "3")
    assert page.locator("#votes-left").inner_text() == "0"
    page.click("#ballot button[type=submit]")
    page.wait_for_selector("text=Oylarınız kaydedildi.")
    page.wait_for_selector("#results li:first-child .result-votes:text('3')")
    assert "Su geri kazanımı" in page.locator("#results li").first.inner_text()


def test_it_publishes_a_roadmap(page, live_server, programme, people):
    roadmap = RoadmapFactory(programme=programme, title="Tekstil Yol Haritası")
    version = VersionFactory(roadmap=roadmap, vision="Atıksız tekstil 2030")
    GoalFactory(version=version, title="Su tüketimini yarıya indirmek")
    log_in(page, live_server, people["manager"])
    page.goto(f"{live_server.url}/roadmaps/versions/{version.pk}/")
    page.click("button:text('Görüşe aç')")
    page.wait_for_selector("#version-status:text('Görüşe açık')")
    page.click("button:text('Yayımla')")
    page.wait_for_selector("button:text('Düzenle (yeni sürüm oluşturur)')")
    assert page.locator("button:text('Görüşe aç')").count() == 0
    version.refresh_from_db()
    assert version.status == RoadmapVersion.Status.PUBLISHED


def test_it_updates_an_action_with_evidence(page, live_server, programme, firm, people, tmp_path):
    plan = PlanFactory(programme=programme, title="Tekstil sektör eylem planı")
    action = ActionFactory(plan=plan, owner_organisation=firm, title="Su sayaçlarının takılması")
    bad = tmp_path / "virus.exe"
    bad.write_bytes(b"MZ not a pdf")
    good = tmp_path / "fatura.pdf"
    good.write_bytes(b"%PDF-1.4\n" + b"x" * 500)
    log_in(page, live_server, people["firm_member"])
    page.goto(f"{live_server.url}/roadmaps/actions/{action.pk}/")
    page.fill("#id_note", "İki sayaç takıldı")
    page.set_input_files("#id_evidence", str(bad))
    page.click("button:text('İlerlemeyi kaydet')")
    page.wait_for_selector("text=.exe dosya türü kabul edilmiyor")
    page.goto(f"{live_server.url}/roadmaps/actions/{action.pk}/")
    page.fill("#id_note", "İki sayaç takıldı")
    page.fill("#id_value", "2/5")
    page.select_option("#id_status", "in_progress")
    page.set_input_files("#id_evidence", str(good))
    page.click("button:text('İlerlemeyi kaydet')")
    page.wait_for_selector("#updates a.evidence")
    assert "İki sayaç takıldı" in page.locator("#updates").inner_text()
    assert page.locator("#action-status").inner_text() == "Sürüyor"

# ruff: noqa: E501  (bilingual cases are kept one per line)
"""Matching that reads constraints and meaning: one test per failure class and language.

Each class is listed with its cases in docs/matching.md.
"""

import pytest

from dekvep.symbiosis.engine import Matcher, explain, render_reasons
from dekvep.symbiosis.engine.index import organisation_key

NEAR, SAME_ZONE, FAR = (40.78, 29.53), (40.79, 29.54), (40.23, 28.86)


def ranked(src, targets, knowledge):
    return [m.want_id if src.listing.kind == "offer" else m.offer_id
            for m in Matcher(targets, knowledge).query(src, 10)]  # fmt: skip


def why(offer, want, knowledge, lang):
    match = explain(offer, want, knowledge)
    return match.score, render_reasons(match.reasons, lang, knowledge)


# 1. Negation and exclusion


@pytest.mark.parametrize(
    "want_text",
    [
        "Pamuklu kırpıntı alınır, polyester karışımı kabul edilmez",
        "Cotton clippings wanted, no polyester blends",
    ],
)
def test_a_refused_material_blocks_the_match(listing, knowledge, want_text):
    want = listing(kind="want", id="w", title=want_text, org="Keçe")
    cotton = listing(title="Pamuklu kumaş kırpıntısı", id="cotton")
    blend = listing(title="Polyester kumaş kırpıntısı", id="pes")
    assert want.materials == ("cotton",)
    assert ranked(want, [cotton, blend], knowledge) == ["cotton"]
    assert ranked(blend, [want], knowledge) == []
    score, text = why(blend, want, knowledge, "en")
    assert score == 0 and "the want refuses polyester textile" in text


@pytest.mark.parametrize(
    ("want_text", "lang", "expected"),
    [
        (
            "Yalnızca şeffaf PET pulu",
            "tr",
            "yalnızca şeffaf isteniyor; bu teklif renkli",
        ),
        ("Clear PET flake only", "en", "wants only clear; this offer is coloured"),
    ],
)
def test_only_blocks_another_value_and_says_why(listing, knowledge, want_text, lang, expected):
    want = listing(kind="want", id="w", title=want_text, org="Şişe")
    clear = listing(title="Şeffaf PET pulu, yıkanmış", id="clear")
    coloured = listing(title="Renkli PET pulu", id="coloured")
    assert ranked(want, [clear, coloured], knowledge) == ["clear"]
    score, text = why(coloured, want, knowledge, lang)
    assert score == 0 and expected in text


@pytest.mark.parametrize(
    "want_text", ["PET şişe alınır, etiketli olmamalı", "PET bottles, labelled not accepted"]
)
def test_a_refused_attribute_blocks_the_match(listing, knowledge, want_text):
    want = listing(kind="want", id="w", title=want_text, org="Şişe")
    labelled = listing(title="Etiketli PET şişe balyası", id="labelled")
    plain = listing(title="PET şişe balyası", id="plain")
    assert ranked(want, [labelled, plain], knowledge) == ["plain"]


# 2. Quality attributes


@pytest.mark.parametrize(
    ("want_text", "offer_text", "lang", "expected"),
    [
        ("Gıdaya uygun PET pulu", "Teknik kalite PET pulu", "tr", "gıdaya uygun isteniyor"),
        ("Food-grade PET flake", "Technical grade PET flake", "en", "wants food-grade"),
    ],
)
def test_a_quality_mismatch_lowers_the_score_with_its_weight(
    listing, knowledge, want_text, offer_text, lang, expected
):
    want = listing(kind="want", id="w", title=want_text, org="Şişe")
    fits = listing(title=want_text, id="fits", org="X")
    other = listing(title=offer_text, id="other", org="Y")
    assert ranked(want, [other, fits], knowledge) == ["fits", "other"]
    score, text = why(other, want, knowledge, lang)
    assert 0 < score < explain(fits, want, knowledge).score
    assert expected in text and "40" in text


def test_attributes_are_read_in_both_languages(listing, knowledge):
    names = {a.bit: a.id for a in knowledge.attributes.values()}
    tr = listing(title="Kuru, temiz, şeffaf PET pulu balya")
    en = listing(title="Dry clean clear PET flake bales")
    assert tr.attrs == en.attrs
    assert {names[b] for b in names if b & tr.attrs} == {
        "moisture:dry",
        "contamination:clean",
        "colour:clear",
        "form:flake",
        "form:bale",
    }


# 3. Same words, different things


@pytest.mark.parametrize(
    ("steel", "wood"),
    [("Çelik talaşı", "Yonga levha için ağaç talaşı"), ("Steel shavings", "Wood shavings wanted")],
)
def test_a_shared_word_across_material_classes_does_not_match(listing, knowledge, steel, wood):
    offer = listing(title=steel)
    want = listing(kind="want", id="w", title=wood, org="Levha")
    assert offer.materials == ("ferrous",)
    assert ranked(offer, [want], knowledge) == []


@pytest.mark.parametrize("title", ["Talaş", "Shavings"])
def test_the_waste_code_outranks_a_shared_word(listing, knowledge, title):
    offer = listing(title=title, code="12 01 01")
    want = listing(kind="want", id="w", title="Talaş alınır, pelet üretimi", org="Pelet")
    assert offer.materials == ("ferrous",)
    assert ranked(offer, [want], knowledge) == []


@pytest.mark.parametrize(
    ("dye", "food", "biogas"),
    [
        ("Boyahane arıtma çamuru", "Gıda fabrikası arıtma çamuru", "Biyogaz: gıda arıtma çamuru"),
        ("Dye house sludge", "Dairy sludge", "Biogas plant takes food industry sludge"),
    ],
)
def test_sludge_of_a_dye_house_is_not_sludge_of_a_food_plant(listing, knowledge, dye, food, biogas):
    dye_offer = listing(title=dye, id="dye")
    food_offer = listing(title=food, id="food")
    want = listing(kind="want", id="w", title=biogas, org="Biyogaz")
    assert (dye_offer.materials, food_offer.materials) == (("textile_sludge",), ("food_sludge",))
    assert ranked(want, [dye_offer, food_offer], knowledge) == ["food"]


@pytest.mark.parametrize("title", ["Kazan külü", "Kül", "Ash"])
def test_bottom_ash_is_not_fly_ash(listing, knowledge, title):
    offer = listing(title=title, code="10 01 01")
    want = listing(kind="want", id="w", title="Uçucu kül / fly ash for concrete", org="Beton")
    assert offer.materials == ("bottom_ash",)
    assert ranked(offer, [want], knowledge) == []


# 4. Receiving processes


@pytest.mark.parametrize(
    ("want_text", "offers"),
    [
        ("Tuğla katkı malzemesi", {"Arıtma çamuru", "Döküm kumu", "Testere talaşı"}),
        ("Brick additive", {"Treatment sludge", "Foundry sand", "Sawdust"}),
        ("Alternatif yakıt ve hammadde", {"Döküm kumu", "Arıtma çamuru"}),
        ("Alternative fuel and raw material (AFR)", {"Foundry sand", "Treatment sludge"}),
        ("Pelet üretimi", {"Kırık palet", "Rende talaşı"}),
        ("Wood pellet production", {"Broken pallets", "Wood shavings"}),
        ("Yonga levha üretimi", {"Kırık palet"}),
        ("Chipboard production", {"Broken pallets"}),
    ],
)
def test_a_want_phrased_as_a_process_finds_the_offers_it_takes(
    listing, knowledge, want_text, offers
):
    want = listing(kind="want", id="w", title=want_text, org="Alıcı")
    candidates = [listing(title=t, id=t, org=t) for t in offers | {"PET şişe", "Copper cable"}]
    assert set(ranked(want, candidates, knowledge)) == offers


def test_the_routes_name_their_sources(knowledge):
    from dekvep.symbiosis.engine.knowledge import DATA_DIR, _rows

    rows = {(r["material"], r["process"]): r["source"] for r in _rows(DATA_DIR / "receiving_processes.csv")}  # fmt: skip
    for route in [("ww_sludge", "brick"), ("ww_sludge", "biogas"), ("foundry_sand", "brick"),
                  ("foundry_sand", "cement_coprocessing"), ("pallets", "pellets"),
                  ("pallets", "particleboard"), ("sawdust", "pellets")]:  # fmt: skip
        assert "BREF" in rows[route] or "ISO" in rows[route]


# 5. Same firm


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Örnek Tekstil San. ve Tic. A.Ş.", "ÖRNEK TEKSTİL SANAYİ VE TİCARET ANONİM ŞİRKETİ"),
        ("Ornek Tekstil Sanayi Ticaret AS", "örnek tekstil san. tic. a.ş."),
        ("Yıldız Plastik Ltd. Şti.", "YILDIZ PLASTIK LIMITED SIRKETI"),
    ],
)
def test_name_variants_are_one_firm(listing, knowledge, a, b):
    assert organisation_key(a) == organisation_key(b)
    offer = listing(title="PP kırma", org=a)
    want = listing(kind="want", id="w", title="PP regrind wanted", org=b)
    assert ranked(offer, [want], knowledge) == []


def test_a_different_legal_form_is_not_merged(listing, knowledge):
    assert organisation_key("Örnek Tekstil A.Ş.") != organisation_key("Örnek Tekstil Ltd. Şti.")
    offer = listing(title="PP kırma", org="Örnek Tekstil A.Ş.")
    want = listing(kind="want", id="w", title="PP regrind wanted", org="Örnek Tekstil Ltd. Şti.")
    assert ranked(offer, [want], knowledge) == ["w"]


# 7. Energy, water and shared capacity


@pytest.mark.parametrize(
    ("offer_text", "need", "hot", "cold"),
    [
        ("Atık ısı, sıcak su 90 °C", "Sera ısıtması için ısı ihtiyacı", 60, 85),
        ("Waste heat, hot water at 90 °C", "Heat demand for drying", 60, 85),
    ],
)
def test_heat_needs_temperature_and_distance(listing, knowledge, offer_text, need, hot, cold):
    offer = listing(title=offer_text, at=NEAR, tonnes=5000)
    ok = listing(kind="want", id="ok", title=need, org="B", at=SAME_ZONE, temperature_c=hot)
    too_hot = listing(kind="want", id="cold", title=need, org="C", at=SAME_ZONE, temperature_c=cold)
    too_far = listing(kind="want", id="far", title=need, org="D", at=FAR, temperature_c=hot)
    assert offer.temperature == 90
    assert ranked(offer, [ok, too_hot, too_far], knowledge) == ["ok"]
    assert "too cold" in why(offer, too_hot, knowledge, "en")[1]
    assert "düşük" in why(offer, too_hot, knowledge, "tr")[1]


@pytest.mark.parametrize(
    ("offer_text", "want_text"),
    [
        ("Arıtılmış atıksu", "Soğutma için arıtılmış su"),
        ("Treated wastewater", "Reclaimed water for cooling towers"),
        ("Proses buharı 180 °C", "Buhar ihtiyacı 150 °C"),
        ("Surplus steam at 180 °C", "Process steam needed at 150 °C"),
    ],
)
def test_water_and_steam_listings_match_nearby(listing, knowledge, offer_text, want_text):
    offer = listing(title=offer_text, at=NEAR)
    near = listing(kind="want", id="near", title=want_text, org="B", at=SAME_ZONE)
    far = listing(kind="want", id="far", title=want_text, org="C", at=FAR)
    assert ranked(offer, [near, far], knowledge) == ["near"]


@pytest.mark.parametrize(
    ("offer_text", "same", "other"),
    [
        (
            "Atıl CNC tezgah kapasitesi",
            "CNC işleme kapasitesi arıyoruz",
            "Dikim için fason kapasite",
        ),
        ("Spare CNC machining capacity", "Machining capacity wanted", "Sewing capacity wanted"),
    ],
)
def test_capacity_needs_the_same_process(listing, knowledge, offer_text, same, other):
    offer = listing(title=offer_text)
    a = listing(kind="want", id="same", title=same, org="B", at=SAME_ZONE)
    b = listing(kind="want", id="other", title=other, org="C", at=SAME_ZONE)
    assert ranked(offer, [a, b], knowledge) == ["same"]


@pytest.mark.parametrize(
    ("offer_text", "want_text"),
    [
        ("Boş depo alanı 500 m2", "Depolama alanı arıyoruz"),
        ("Spare warehouse space", "Storage space wanted"),
    ],
)
def test_warehouse_space_matches(listing, knowledge, offer_text, want_text):
    offer = listing(title=offer_text, at=NEAR)
    want = listing(kind="want", id="w", title=want_text, org="B", at=SAME_ZONE)
    assert ranked(offer, [want], knowledge) == ["w"]

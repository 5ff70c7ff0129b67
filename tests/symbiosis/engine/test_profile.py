def test_it_recognises_turkish_material_words(listing):
    assert listing(title="Pamuklu kumaş kırpıntısı").materials == ("cotton",)


def test_it_recognises_trade_words(listing):
    assert listing(title="HMS 1&2").materials == ("ferrous",)
    assert listing(title="Comber noil").materials == ("cotton",)
    assert listing(title="OCC bales").materials == ("occ",)


def test_it_reads_the_material_from_the_code_when_the_words_say_nothing(listing):
    profile = listing(title="Atık", code="100102")
    assert profile.materials == ("fly_ash",)
    assert not profile.text_materials


def test_it_marks_a_listing_hazardous_from_its_code(listing):
    assert listing(title="Boya çamuru", code="080113").hazardous


def test_it_marks_a_listing_hazardous_from_its_material_without_a_code(listing):
    assert listing(title="Atık madeni yağ").hazardous


def test_it_finds_the_receiving_process_a_want_names(listing):
    want = listing(kind="want", title="Çimento fabrikası ek yakıt")
    assert want.processes == ("cement_coprocessing",)


def test_it_keeps_the_most_specific_material_of_an_offer(listing):
    assert listing(title="Plastik atık: PP çuval").materials == ("pp",)

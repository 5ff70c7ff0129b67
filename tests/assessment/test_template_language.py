"""The Excel template speaks the reader's language: sheet names, headers and drop-down lists,
and a filled Turkish template reads back into the same codes."""

from dekvep.assessment import schema, xlsx

from ..web.visible import SNAKE, workbook_text
from .factories import example_data


def test_the_turkish_template_has_turkish_sheets_headers_and_lists():
    shown = workbook_text(xlsx.write_template(example_data(), "tr"))
    sheets = [text for where, text in shown if where.startswith("sheet ")]
    assert sheets == [
        "Talimatlar",
        "Genel",
        "Üretim",
        "Enerji",
        "Su",
        "Malzemeler",
        "Atıklar",
        "Soğutucu gazlar",
        "Ürünler",
        "SKDM",
    ]
    texts = {text for _where, text in shown}
    assert {"Enerji türü *", "Doğal gaz", "Şebeke suyu", "Düzenli depolama", "Pamuk lifi"} <= texts
    assert not [text for _where, text in shown if SNAKE.search(text)]
    assert not texts & {"natural_gas", "municipal", "landfill", "raw_material", "other"}


def test_the_english_template_lists_english_labels():
    texts = {text for _where, text in workbook_text(xlsx.write_template(example_data(), "en"))}
    assert {"Energy", "Natural gas", "Municipal network", "Landfill"} <= texts
    assert "natural_gas" not in texts


def test_a_turkish_template_reads_back_into_the_stored_codes():
    data = example_data()
    read = xlsx.read_workbook(xlsx.write_template(data, "tr"))
    assert [line["carrier"] for line in read["energy"]] == [e["carrier"] for e in data["energy"]]
    assert [w["route"] for w in read["wastes"]] == [w["route"] for w in data["wastes"]]


def test_a_choice_is_read_from_its_label_in_either_language_or_its_code():
    column = schema.list_sections()[1].column("carrier")
    assert column.choice_value("Doğal gaz") == "natural_gas"
    assert column.choice_value("natural gas") == "natural_gas"
    assert column.choice_value("natural_gas") == "natural_gas"
    assert column.choice_value("hydrogen") == "hydrogen"


def test_plant_processes_are_named_in_the_template_and_read_back_by_name():
    from dekvep.assessment.engine.inventory import parse_inventory

    data = {**example_data(), "processes": ["compressed_air", "boiler_steam"]}
    content = xlsx.write_template(data, "tr")
    shown = workbook_text(content)
    texts = {text for _where, text in shown}
    assert "Basınçlı hava, Buhar kazanı ve buhar dağıtımı" in texts
    assert any("Yazabileceğiniz prosesler: Basınçlı hava" in t for t in texts)
    assert not [text for _where, text in shown if SNAKE.search(text)]
    read = xlsx.read_workbook(content)
    assert parse_inventory(read).processes == ["compressed_air", "boiler_steam"]
    english = {**read, "processes": "Compressed air, dyeing, Ramöz ve kurutucular"}
    assert parse_inventory(english).processes == ["compressed_air", "dyeing", "drying"]

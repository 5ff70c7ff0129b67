import json
from pathlib import Path

from dekvep.assessment.command import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inventory.json"


def test_it_prints_the_documented_json_keys(capsysbinary):
    assert main([str(EXAMPLE)]) == 0
    result = json.loads(capsysbinary.readouterr().out)
    for key in (
        "scope1_tco2e",
        "scope2_location_tco2e",
        "scope2_market_tco2e",
        "total_location_tco2e",
    ):
        assert isinstance(result["ghg"][key], float)
    for key in ("energy_kwh_per_t", "water_m3_per_t", "waste_kg_per_t"):
        assert result["intensity"][key] > 0
    assert result["circularity"]["products"][0]["name"] == "Boyalı örme kumaş"
    assert 0 <= result["circularity"]["mci"] <= 1
    assert result["circularity"]["circular_inflow_pct"] > 0
    assert result["circularity"]["circular_outflow_pct"] > 0
    assert result["opportunities"]
    assert result["factor_set"]["name"] == "DEKVEP-TR"
    assert result["factor_set"]["version"]


def test_it_writes_the_output_file(tmp_path):
    target = tmp_path / "out.json"
    assert main([str(EXAMPLE), "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["organization"] == "Örnek Tekstil A.Ş."


def test_it_stops_with_the_field_path_of_a_bad_unit(tmp_path, capsys):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["energy"][2]["unit"] = "m2"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main([str(bad)]) == 1
    assert "energy[2].unit" in capsys.readouterr().err


def test_it_refuses_a_file_that_is_not_json(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01not json")
    assert main([str(bad)]) == 1
    assert "not a JSON file" in capsys.readouterr().err


def test_it_assesses_a_filled_excel_template(tmp_path, capsysbinary):
    from dekvep.assessment.xlsx import write_template

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    book = tmp_path / "inventory.xlsx"
    book.write_bytes(write_template(data, "en"))
    assert main([str(book)]) == 0
    result = json.loads(capsysbinary.readouterr().out)
    assert result["organization"] == "Örnek Tekstil A.Ş."


def test_it_names_the_sheet_row_and_column_of_an_excel_error(tmp_path, capsys):
    from dekvep.assessment.xlsx import write_template

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["energy"][2]["unit"] = "m2"
    book = tmp_path / "inventory.xlsx"
    book.write_bytes(write_template(data, "en"))
    assert main([str(book)]) == 1
    assert "Energy!C5" in capsys.readouterr().err


def test_it_writes_the_report_as_a_pdf(tmp_path):
    target = tmp_path / "report.pdf"
    assert main([str(EXAMPLE), "--format", "pdf", "--output", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_it_writes_the_report_as_turkish_html_by_default(tmp_path):
    target = tmp_path / "report.html"
    assert main([str(EXAMPLE), "--format", "html", "--output", str(target)]) == 0
    html = target.read_text(encoding="utf-8")
    assert "Temiz üretim ve döngüsellik raporu" in html
    assert "<svg" in html


def test_it_takes_the_gwp_set_and_discount_rate(tmp_path, capsys):
    import json as _json
    from pathlib import Path

    from dekvep.assessment.command import main

    example = Path(__file__).resolve().parents[2] / "examples" / "inventory.json"
    assert main([str(example), "--gwp-set", "AR6", "--discount-rate", "0.15"]) == 0
    result = _json.loads(capsys.readouterr().out)
    assert result["ghg"]["gwp_set"] == "AR6"
    assert result["package"]["npv_try"] is not None
    assert all(key in result["opportunities"][0] for key in ("npv_try", "irr", "tco2e"))

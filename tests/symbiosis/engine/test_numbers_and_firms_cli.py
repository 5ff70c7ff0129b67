# ruff: noqa: E501  (CSV rows are kept whole so they read as the file would)
"""`dekvep match` on Turkish numbers, name variants of one firm, and heat with a temperature."""

import csv
import io
import json

import pytest

from dekvep.symbiosis.command import OUTPUT_COLUMNS, main
from dekvep.symbiosis.engine.numbers import detect, parse

HEADER = "id,kind,organization,title,description,ewc_code,quantity,unit,period,latitude,longitude,hazardous_licence"
WANT = (
    "W1,want,Keçe Fabrikası,Textile waste for felt,Cotton cutting waste,,{q},t,year,41.16,27.80,no"
)


def offer(q, org="Örnek Konfeksiyon", ident="A1"):
    return (
        f'{ident},offer,{org},Pamuklu kumaş kırpıntısı,Kesimhane,04 02 22,"{q}",t,year,41.07,28.80,'
    )


@pytest.fixture
def run(tmp_path, capsys):
    def go(lines, *argv):
        path = tmp_path / "listings.csv"
        path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
        code = main([str(path), "--format", "json", *argv])
        out, err = capsys.readouterr()
        return code, (json.loads(out) if code == 0 else None), err

    return go


def test_a_turkish_file_reads_1_500_as_fifteen_hundred(run):
    code, result, _ = run([offer("1.500"), offer("2.250,5", ident="A2"), WANT.format(q="3.000")])
    assert code == 0
    covers = [
        r["params"]
        for m in result["matches"]
        if m["offer_id"] == "A1"
        for r in m["reasons"]
        if r["key"] == "covers_need"
    ]
    assert covers == [{"percent": 50}]


def test_an_english_file_reads_1_500_as_one_and_a_half(run):
    code, result, _ = run([offer("1.500"), offer("12.25", ident="A2"), WANT.format(q="3")])
    covers = [
        r["params"]
        for m in result["matches"]
        if m["offer_id"] == "A1"
        for r in m["reasons"]
        if r["key"] == "covers_need"
    ]
    assert code == 0 and covers == [{"percent": 50}]


def test_an_ambiguous_value_is_reported_not_guessed(run):
    code, _, err = run([offer("1.500"), WANT.format(q="300")])
    assert code == 1
    assert "line 2, column quantity: '1.500' may be 1500 (Turkish) or 1.5 (English)" in err
    assert "--numbers tr or en" in err


def test_the_option_settles_an_ambiguous_file(run):
    code, result, _ = run([offer("1.500"), WANT.format(q="3000")], "--numbers", "tr")
    covers = [
        r["params"]["percent"]
        for m in result["matches"]
        for r in m["reasons"]
        if r["key"] == "covers_need"
    ]
    assert code == 0 and covers == [50]


def test_a_file_written_both_ways_is_reported(run):
    code, _, err = run(
        [
            offer("1.500,5"),
            offer("2,250.5", ident="A2"),
            offer("7,5", ident="A3"),
            WANT.format(q="10"),
        ]
    )
    assert code == 1 and "line 3, column quantity: '2,250.5' is written the other way" in err


def test_detection_and_parsing():
    assert detect(["10", "1.500", "12,5"]) == ("tr", [])
    assert detect(["10", "1,500", "12.5"]) == ("en", [])
    assert detect(["10", "1.500"]) == (None, [])
    assert parse("1.500.000", None) == 1_500_000 and parse("1,5", None) == 1.5


def test_name_variants_of_one_firm_are_not_matched_with_each_other(run):
    same = "W1,want,ÖRNEK KONFEKSİYON SANAYİ VE TİCARET ANONİM ŞİRKETİ,Textile waste for felt,,,100,t,year,41.16,27.80,no"
    other_form = (
        "W2,want,Örnek Konfeksiyon Ltd. Şti.,Textile waste for felt,,,100,t,year,41.16,27.80,no"
    )
    code, result, _ = run(
        [offer("100", org="Örnek Konfeksiyon San. ve Tic. A.Ş."), same, other_form]
    )
    assert code == 0 and [m["want_id"] for m in result["matches"]] == ["W2"]


def test_heat_with_a_temperature_column_keeps_the_output_columns(tmp_path, capsys):
    path = tmp_path / "heat.csv"
    path.write_text(
        HEADER + ",temperature_c\n"
        "H1,offer,Cam Fabrikası,Atık ısı,Baca gazından sıcak su,,2,mw,year,40.780,29.530,,95\n"
        "H2,want,Sera A.Ş.,Sera ısıtması,,,10000,mwh,year,40.790,29.540,,60\n"
        "H3,want,Kurutma Ltd.,Heat for drying,,,10000,mwh,year,40.790,29.540,,120\n",
        encoding="utf-8",
    )
    assert main([str(path), "--lang", "tr"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == OUTPUT_COLUMNS
    assert [r["want_id"] for r in rows] == ["H2"]
    assert "95 °C ısı, 60 °C ihtiyaca uygun" in rows[0]["reasons"]

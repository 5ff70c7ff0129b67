"""The inventory's fields as rows and columns, shared by the web form and the Excel template.

Pure Python (no Django import) so ``dekvep assess`` can read an Excel file without a database.
Labels carry both languages; the web layer picks one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dekvep.core.i18n import pick

from .engine.cbam import cn_headings
from .engine.factors import load_factor_set
from .engine.inventory import (
    CARRIERS,
    MATERIAL_KINDS,
    ROUTES,
    SECTORS,
    WATER_SOURCES,
    process_label,
)

CHOICE_LABELS = Path(__file__).parent / "data" / "choice_labels.csv"
MASS_UNITS = ("t", "kg")
ENERGY_UNITS = ("kWh", "MWh", "GJ", "Sm3", "m3", "L", "kg", "t")


@dataclass(frozen=True)
class Column:
    name: str
    label_en: str
    label_tr: str
    kind: str = "number"  # number, text, choice, share
    choices: tuple[str, ...] = ()
    required: bool = False
    unit: str = ""

    def label(self, language: str) -> str:
        return _pick(language, self.label_tr, self.label_en)

    def choice_label(self, value: Any, language: str) -> str:
        """The label of a stored choice (``"natural_gas"`` → "Doğal gaz"); units stay as they
        are (``kWh``)."""
        labels = choice_labels().get((self.label_key, str(value)))
        return _pick(language, *labels) if labels else str(value)

    def options(self, language: str) -> list[tuple[str, str]]:
        """(stored value, label) of each choice."""
        return [(c, self.choice_label(c, language)) for c in self.choices]

    def choice_value(self, text: Any) -> Any:
        """The stored value of a cell that holds a choice's code or its label in either
        language; anything else is returned unchanged for the engine to reject."""
        if not isinstance(text, str):
            return text
        wanted = text.strip().casefold()
        for choice in self.choices:
            labels = choice_labels().get((self.label_key, choice), ())
            if wanted in {choice.casefold(), *(t.casefold() for t in labels)}:
                return choice
        return text.strip()

    @property
    def label_key(self) -> str:
        return "unit" if self.name == "unit" else self.name.split(".")[-1]


@dataclass(frozen=True)
class Section:
    key: str
    sheet: str
    title_en: str
    title_tr: str
    columns: tuple[Column, ...]

    def title(self, language: str) -> str:
        return _pick(language, self.title_tr, self.title_en)

    def sheet_name(self, language: str) -> str:
        """The workbook sheet's name in ``language`` (English names are read back too)."""
        return _pick(language, SHEETS_TR.get(self.key, ""), self.sheet)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# Turkish sheet names of the Excel template (the English ones are ``Section.sheet``).
SHEETS_TR = {
    "general": "Genel",
    "production": "Üretim",
    "energy": "Enerji",
    "water": "Su",
    "materials": "Malzemeler",
    "wastes": "Atıklar",
    "refrigerants": "Soğutucu gazlar",
    "products": "Ürünler",
    "cbam.goods": "SKDM",
}


def _pick(language: str, tr: str, en: str) -> str:
    return pick(tr, en, language)


@cache
def choice_labels() -> dict[tuple[str, str], tuple[str, str]]:
    """(column, value) → (Turkish label, English label), from ``data/choice_labels.csv``."""
    with CHOICE_LABELS.open(encoding="utf-8", newline="") as handle:
        return {
            (row["column"], row["value"]): (row["label_tr"], row["label_en"])
            for row in csv.DictReader(handle)
        }


def _share(name: str, en: str, tr: str) -> Column:
    return Column(name, en, tr, "share", unit="0-1")


def _gases() -> tuple[str, ...]:
    return tuple(g for g in load_factor_set().gases() if g.startswith("R-"))


def _material_classes() -> tuple[str, ...]:
    return tuple(sorted(load_factor_set().data["scope3"]["materials_tco2e_per_t"]))


GENERAL = Section(
    "general",
    "General",
    "General",
    "Genel",
    (
        Column("organization", "Organisation", "Kuruluş", "text", required=True),
        Column("sector", "Sector", "Sektör", "choice", SECTORS, required=True),
        Column("year", "Year", "Yıl", "number", required=True),
        Column("site", "Site", "Tesis", "text"),
        Column("product_group", "Product group", "Ürün grubu", "text"),
        Column(
            "processes",
            "Plant processes (comma-separated)",
            "Tesisteki prosesler (virgülle ayrılmış)",
            "text",
        ),
        Column("wastewater.quantity", "Wastewater discharged", "Deşarj edilen atık su", unit="m3"),
        Column(
            "wastewater.reused_m3", "Wastewater reused", "Yeniden kullanılan atık su", unit="m3"
        ),
        Column(
            "costs.electricity_try_per_kwh",
            "Electricity price",
            "Elektrik birim fiyatı",
            unit="TRY/kWh",
        ),
        Column(
            "costs.natural_gas_try_per_sm3",
            "Natural gas price",
            "Doğal gaz birim fiyatı",
            unit="TRY/Sm3",
        ),
        Column("costs.water_try_per_m3", "Water price", "Su birim fiyatı", unit="TRY/m3"),
        Column(
            "costs.waste_disposal_try_per_t",
            "Waste disposal cost",
            "Atık bertaraf maliyeti",
            unit="TRY/t",
        ),
        Column(
            "costs.material_try_per_t",
            "Average material price",
            "Ortalama hammadde fiyatı",
            unit="TRY/t",
        ),
        Column(
            "cbam.carbon_price_eur_per_t",
            "CBAM carbon price",
            "SKDM karbon fiyatı",
            unit="EUR/tCO2e",
        ),
        Column("cbam.year", "CBAM year", "SKDM yılı"),
    ),
)


def list_sections() -> tuple[Section, ...]:
    """The repeating sections, in template order."""
    return (
        Section(
            "production",
            "Production",
            "Production",
            "Üretim",
            (
                Column("product", "Product", "Ürün", "text", required=True),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", ("t", "kg", "pcs"), required=True),
                Column("revenue_try", "Revenue", "Ciro", unit="TRY"),
                Column("unit_mass_kg", "Mass per piece", "Adet başına kütle", unit="kg"),
            ),
        ),
        Section(
            "energy",
            "Energy",
            "Energy",
            "Enerji",
            (
                Column("carrier", "Carrier", "Enerji türü", "choice", CARRIERS, required=True),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", ENERGY_UNITS, required=True),
                Column(
                    "certified_renewable_kwh",
                    "Certified renewable (YEK-G / I-REC)",
                    "Sertifikalı yenilenebilir (YEK-G / I-REC)",
                    unit="kWh",
                ),
                Column("use", "Use", "Kullanım", "choice", ("stationary", "mobile")),
                Column(
                    "grid_level",
                    "Grid connection",
                    "Şebeke bağlantısı",
                    "choice",
                    ("distribution", "transmission"),
                ),
            ),
        ),
        Section(
            "water",
            "Water",
            "Water withdrawn",
            "Çekilen su",
            (
                Column("source", "Source", "Kaynak", "choice", WATER_SOURCES, required=True),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", ("m3", "L"), required=True),
            ),
        ),
        Section(
            "materials",
            "Materials",
            "Materials",
            "Malzemeler",
            (
                Column("name", "Material", "Malzeme", "text", required=True),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", MASS_UNITS, required=True),
                Column("kind", "Kind", "Tür", "choice", MATERIAL_KINDS),
                Column(
                    "material_class",
                    "Material class",
                    "Malzeme sınıfı",
                    "choice",
                    _material_classes(),
                ),
                _share("recycled_share", "Recycled share", "Geri dönüştürülmüş pay"),
                _share("reused_share", "Reused share", "Yeniden kullanılmış pay"),
                _share("renewable_share", "Renewable share", "Yenilenebilir pay"),
                Column("origin", "Origin (country code)", "Menşe (ülke kodu)", "text"),
                Column("distance_km", "Transport distance", "Taşıma mesafesi", unit="km"),
                Column("price_try_per_t", "Purchase price", "Alış fiyatı", unit="TRY/t"),
                Column("certificate", "Sourcing certificate", "Tedarik sertifikası", "text"),
            ),
        ),
        Section(
            "wastes",
            "Wastes",
            "Waste streams",
            "Atıklar",
            (
                Column("ewc_code", "Waste code", "Atık kodu", "text", required=True),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", MASS_UNITS, required=True),
                Column(
                    "route",
                    "Treatment route",
                    "Bertaraf/geri kazanım yolu",
                    "choice",
                    ROUTES,
                    required=True,
                ),
                Column("receiver", "Receiver", "Alıcı", "text"),
                Column("description", "Description", "Açıklama", "text"),
            ),
        ),
        Section(
            "refrigerants",
            "Refrigerants",
            "Refrigerant top-ups",
            "Soğutucu gaz dolumları",
            (
                Column("gas", "Gas", "Gaz", "choice", _gases(), required=True),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", ("kg", "t"), required=True),
            ),
        ),
        Section(
            "products",
            "Products",
            "Product circularity",
            "Ürün döngüselliği",
            (
                Column("name", "Product", "Ürün", "text", required=True),
                Column("mass_kg", "Mass per unit", "Birim kütle", unit="kg", required=True),
                _share("recycled_feedstock", "Recycled feedstock", "Geri dönüştürülmüş girdi"),
                _share("reused_feedstock", "Reused feedstock", "Yeniden kullanılmış girdi"),
                _share(
                    "collected_for_recycling",
                    "Collected for recycling",
                    "Geri dönüşüm için toplanan",
                ),
                _share(
                    "collected_for_reuse", "Collected for reuse", "Yeniden kullanım için toplanan"
                ),
                _share(
                    "recycling_efficiency_feedstock",
                    "Recycling efficiency (feedstock)",
                    "Geri dönüşüm verimi (girdi)",
                ),
                _share(
                    "recycling_efficiency_eol",
                    "Recycling efficiency (end of use)",
                    "Geri dönüşüm verimi (kullanım sonu)",
                ),
                Column("lifetime_ratio", "Lifetime / industry average", "Ömür / sektör ortalaması"),
                Column(
                    "intensity_ratio",
                    "Intensity of use / industry average",
                    "Kullanım yoğunluğu / sektör ortalaması",
                ),
                Column(
                    "rated_kwh_per_year",
                    "Rated energy use (energy label)",
                    "Etiket enerji tüketimi",
                    unit="kWh/yr",
                ),
                Column("lifetime_years", "Lifetime", "Kullanım ömrü", unit="yr"),
                Column("units_sold", "Units sold", "Satılan adet"),
            ),
        ),
        Section(
            "cbam.goods",
            "CBAM",
            "CBAM goods",
            "SKDM kapsamındaki ürünler",
            (
                Column(
                    "cn_code",
                    "CN code",
                    "GTİP/KN kodu",
                    "choice",
                    tuple(cn_headings()),
                    required=True,
                ),
                Column("flow", "Flow", "Akış", "choice", ("import", "export", "domestic")),
                Column("origin", "Origin (country code)", "Menşe (ülke kodu)", "text"),
                Column("importer", "EU customer", "AB'deki müşteri", "text"),
                Column("quantity", "Quantity", "Miktar", required=True),
                Column("unit", "Unit", "Birim", "choice", MASS_UNITS),
                Column(
                    "embedded_tco2e_per_t",
                    "Actual embedded emissions",
                    "Gerçek gömülü emisyon",
                    unit="tCO2e/t",
                ),
            ),
        ),
    )


def parse_cell(column: Column, value: Any) -> Any:
    """A cell or form value in the type the JSON format expects; strings kept for the engine
    to reject with a clear message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column.kind in ("number", "share"):
        if isinstance(value, int | float):
            return value
        text = str(value).strip().replace(" ", "")
        # Turkish decimal comma: "1.234,5" and "0,3"
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return str(value).strip()
        return int(number) if column.name == "year" else number
    if column.choices:
        return column.choice_value(str(value))
    return str(value).strip()


def build(
    general: dict[str, Any],
    sections: dict[str, list[dict[str, Any]]],
    kept: dict[str, list[int]] | None = None,
) -> dict[str, Any]:
    """The JSON inventory from general values (dotted names) and section rows (empty rows and
    empty cells left out, so the engine's defaults apply). ``kept``, when given, receives the
    input row number of each row kept, per section."""
    data: dict[str, Any] = {}
    for column in GENERAL.columns:
        value = parse_cell(column, general.get(column.name))
        if value is None:
            continue
        node = data
        *parents, last = column.name.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    if "wastewater" in data:
        data["wastewater"].setdefault("unit", "m3")
        data["wastewater"].setdefault("quantity", 0)
    for section in list_sections():
        rows = []
        for number, row in enumerate(sections.get(section.key, [])):
            parsed = {c.name: parse_cell(c, row.get(c.name)) for c in section.columns}
            parsed = {k: v for k, v in parsed.items() if v is not None}
            if parsed:
                rows.append(parsed)
                if kept is not None:
                    kept.setdefault(section.key, []).append(number)
        if section.key == "cbam.goods":
            if rows or "cbam" in data:
                data.setdefault("cbam", {})["goods"] = rows
        else:
            data[section.key] = rows
    return data


def general_values(data: dict[str, Any], language: str | None = None) -> dict[str, Any]:
    """Dotted general names → values of a JSON inventory (the reverse of ``build``); with a
    ``language``, plant processes by their names in it (read back by name or id)."""
    values = {}
    for column in GENERAL.columns:
        node: Any = data
        for part in column.name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list):  # processes: one comma-separated cell
            shown = [process_label(str(v), language) if language else str(v) for v in node]
            node = ", ".join(shown) or None
        values[column.name] = node
    return values


def section_rows(data: dict[str, Any], section: Section) -> list[dict[str, Any]]:
    if section.key == "cbam.goods":
        return list((data.get("cbam") or {}).get("goods") or [])
    return list(data.get(section.key) or [])


def _column_label(columns: tuple[Column, ...], name: str, language: str) -> str | None:
    for column in columns:
        if column.name == name or name.startswith(column.name + "."):
            return column.label(language)
    return None


def column_at(path: str) -> Column | None:
    """The template column a field path points at (None for paths it does not show)."""
    for section in list_sections():
        prefix = section.key + "["
        if path.startswith(prefix):
            name = path[len(prefix) :].partition("]")[2].lstrip(".")
            return next((c for c in section.columns if c.name == name), None)
    return next((c for c in GENERAL.columns if c.name == path), None)


def describe_path(path: str, language: str) -> str:
    """A field path in words: ``materials[0].recycled_share`` → "Malzemeler, 1. satır,
    Geri dönüştürülmüş pay" (tr) / "Materials, row 1, Recycled share" (en). Paths the template
    does not show are returned as they are."""
    tr = language.startswith("tr")
    for section in list_sections():
        prefix = section.key + "["
        if path == section.key:
            return section.title(language)
        if not path.startswith(prefix):
            continue
        index_text, _sep, rest = path[len(prefix) :].partition("]")
        parts = [section.title(language)]
        if index_text.isdigit():
            row = int(index_text) + 1
            parts.append(f"{row}. satır" if tr else f"row {row}")
        name = rest.lstrip(".")
        if name:
            parts.append(_column_label(section.columns, name, language) or name)
        return ", ".join(parts)
    if path.startswith("factor_overrides"):
        return "Emisyon faktörü değişiklikleri" if tr else "Emission factor overrides"
    name, _sep, index_text = path.partition("[")
    found = _column_label(GENERAL.columns, name, language)
    if found and index_text.rstrip("]").isdigit():
        item = int(index_text.rstrip("]")) + 1
        return f"{found}, {item}. öğe" if tr else f"{found}, item {item}"
    return found if found else path


def in_words(path: str, message: str, language: str) -> str:
    """``"Malzemeler, 1. satır, Geri dönüştürülmüş pay: en fazla 1 olabilir"``."""
    return f"{describe_path(path, language)}: {message}" if path else message

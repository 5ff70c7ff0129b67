"""The rule catalogue as an Excel workbook staff can edit: labelled columns in the reader's
language, choices shown by their labels, dates as dates. Reading it back accepts Turkish or
English headers and labels, and names the sheet, row and column of every value it refuses."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from dekvep.catalog.sectors import priority_sectors
from dekvep.core.exports import append_row

from . import choices
from .catalogue import LANGUAGES, TEXT_FIELDS, text

CONDITION_LABELS = {
    "eu_export": gettext_lazy("Exports to the EU"),
    "customer_requests": gettext_lazy("EU customers or banks ask for sustainability data"),
    "mrv_installation": gettext_lazy("Has a greenhouse-gas monitoring plan"),
    "never": gettext_lazy("Never binding (a policy plan)"),
    "medium_or_large": gettext_lazy("Medium-sized or large firm"),
    "large": gettext_lazy("Large firm"),
}
INDIRECT_LABELS = {
    "cbam_inputs": gettext_lazy("Its inputs are CBAM goods"),
    "uses_chemicals": gettext_lazy("Uses dyes or chemicals"),
    "textile_sector": gettext_lazy("Textile supplier"),
    "eu_export": gettext_lazy("EU customers may ask"),
    "all": gettext_lazy("Every manufacturer"),
}
DATA_LABELS = {
    "cbam_lines": gettext_lazy("CBAM goods lines"),
    "ghg_footprint": gettext_lazy("Approved carbon footprint"),
    "product_footprints": gettext_lazy("Product footprints"),
    "production": gettext_lazy("Production by product line"),
    "energy": gettext_lazy("Energy use"),
    "water": gettext_lazy("Water withdrawal"),
    "wastes": gettext_lazy("Waste streams with waste codes"),
    "refrigerants": gettext_lazy("Refrigerant top-ups"),
    "chemicals": gettext_lazy("Dyes and chemicals used"),
    "packaging_materials": gettext_lazy("Packaging used"),
    "materials_recycled_share": gettext_lazy("Recycled share of materials"),
    "profile_cn_codes": gettext_lazy("Questionnaire: CN codes of products"),
    "profile_packaging": gettext_lazy("Questionnaire: packaging placed on the market"),
    "profile_fgas": gettext_lazy("Questionnaire: equipment with F-gases"),
    "workforce": gettext_lazy("Questionnaire: workforce figures"),
}
JURISDICTION_LABELS = {"EU": gettext_lazy("EU"), "TR": gettext_lazy("Türkiye")}
BOOL_MATCHES = ("packaging", "fgas_products", "fgas_equipment", "all")

# (key, header): one column per rule field; "tr"/"en" suffixes are the two texts.
RULE_COLUMNS = [
    ("id", gettext_lazy("Code")),
    ("jurisdiction", gettext_lazy("Jurisdiction")),
    ("topic", gettext_lazy("Topic")),
    ("title.tr", gettext_lazy("Title (Turkish)")),
    ("title.en", gettext_lazy("Title (English)")),
    ("applies_to.tr", gettext_lazy("Who it applies to (Turkish)")),
    ("applies_to.en", gettext_lazy("Who it applies to (English)")),
    ("asks.tr", gettext_lazy("What it asks (Turkish)")),
    ("asks.en", gettext_lazy("What it asks (English)")),
    ("next_step.tr", gettext_lazy("Next step (Turkish)")),
    ("next_step.en", gettext_lazy("Next step (English)")),
    ("source.citation", gettext_lazy("Source: citation")),
    ("source.url", gettext_lazy("Source: address")),
    ("source.date", gettext_lazy("Source: date")),
    ("source.version.tr", gettext_lazy("Source: version (Turkish)")),
    ("source.version.en", gettext_lazy("Source: version (English)")),
    ("match.sectors", gettext_lazy("Sectors")),
    ("match.nace_prefixes", gettext_lazy("NACE codes (beginning with)")),
    ("match.cn_prefixes", gettext_lazy("CN codes (beginning with)")),
    ("match.product_types", gettext_lazy("Product types")),
    ("match.packaging", gettext_lazy("Firms placing packaging on the market")),
    ("match.fgas_products", gettext_lazy("Products containing F-gases")),
    ("match.fgas_equipment", gettext_lazy("Equipment with F-gases")),
    ("match.all", gettext_lazy("Every manufacturer")),
    ("conditions", gettext_lazy("Conditions")),
    ("indirect", gettext_lazy("Indirect links")),
    ("answered_by", gettext_lazy("Platform data that answers it")),
    ("measures", gettext_lazy("Measures that prepare it")),
]
DATE_COLUMNS = [
    ("id", gettext_lazy("Rule code")),
    ("date", gettext_lazy("Date")),
    ("label.tr", gettext_lazy("What happens (Turkish)")),
    ("label.en", gettext_lazy("What happens (English)")),
]
TOPIC_COLUMNS = [
    ("key", gettext_lazy("Topic code")),
    ("tr", gettext_lazy("Topic (Turkish)")),
    ("en", gettext_lazy("Topic (English)")),
]
SETTINGS = [
    ("name", gettext_lazy("Catalogue name")),
    ("reviewed_on", gettext_lazy("Reviewed on")),
    ("note.tr", gettext_lazy("Note (Turkish)")),
    ("note.en", gettext_lazy("Note (English)")),
    ("tr_carbon_price.eur_per_tco2e", gettext_lazy("Turkish carbon price (EUR per tCO2e)")),
    ("tr_carbon_price.source", gettext_lazy("Turkish carbon price: source")),
    ("tr_carbon_price.date", gettext_lazy("Turkish carbon price: date")),
]
SETTING_COLUMNS = [("field", gettext_lazy("Field")), ("value", gettext_lazy("Value"))]
SHEETS = {
    "settings": gettext_lazy("Catalogue"),
    "rules": gettext_lazy("Rules"),
    "dates": gettext_lazy("Dates"),
    "topics": gettext_lazy("Topics"),
}
SEPARATOR = "; "
REQUIRED = {
    "id",
    *(f"{field}.{lang}" for field in TEXT_FIELDS for lang in LANGUAGES),
    "source.citation",
    "source.url",
    "source.date",
    "source.version.tr",
    "source.version.en",
}


def shown_code(code: str) -> str:
    """A rule's code as staff read it (``ESPR-DPP-TEXTILES``); stored with underscores."""
    return code.replace("_", "-").upper()


def stored_code(value: Any) -> str:
    return str(value or "").strip().replace("-", "_").replace(" ", "_").lower()


def vocabularies(topics: dict | None = None) -> dict[str, dict[str, Any]]:
    """For each list column, its stored values and their labels."""
    sectors = {s.key: s for s in priority_sectors()}
    return {
        "topic": {key: (lambda lang, v=v: text(v, lang)) for key, v in (topics or {}).items()},
        "jurisdiction": JURISDICTION_LABELS,
        "match.sectors": {key: sector.title for key, sector in sectors.items()},
        "match.product_types": dict(choices.PRODUCT_TYPES),
        "conditions": CONDITION_LABELS,
        "indirect": INDIRECT_LABELS,
        "answered_by": DATA_LABELS,
    }


def _label(vocabulary: dict[str, Any], key: str, language: str) -> str:
    value = vocabulary.get(key, key)
    return value(language) if callable(value) else str(value)


def _get(data: dict, path: str) -> Any:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _put(data: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


DATE_KEYS = ("source.date", "date", "reviewed_on", "tr_carbon_price.date")


def _cell(key: str, value: Any, language: str, topics: dict | None = None) -> Any:
    vocabulary = vocabularies(topics).get(key)
    if key == "id":
        return shown_code(value or "")
    if key.startswith("match.") and key[6:] in BOOL_MATCHES:
        return _("Yes") if value else ""
    if key in DATE_KEYS and value:
        return datetime.date.fromisoformat(str(value))
    if isinstance(value, list):
        items = [_label(vocabulary, v, language) if vocabulary else str(v) for v in value]
        return SEPARATOR.join(items)
    if vocabulary and value:
        return _label(vocabulary, value, language)
    return value if value is not None else ""


def _sheet(book, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    append_row(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 28
        for cell in column[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY" if language_is_tr() else "D MMM YYYY"
    sheet.freeze_panes = "B2"


def language_is_tr() -> bool:
    return (translation.get_language() or "tr").startswith("tr")


def catalogue_workbook(data: dict[str, Any], language: str) -> bytes:
    """The catalogue as an .xlsx in ``language``: settings, rules, dates and topics sheets."""
    with translation.override(language):
        book = Workbook()
        book.remove(book.active)
        settings = [[str(h), _cell(k, _get(data, k), language)] for k, h in SETTINGS]
        _sheet(book, str(SHEETS["settings"]), [str(h) for _k, h in SETTING_COLUMNS], settings)
        topics = data.get("topics") or {}
        rules = [
            [_cell(k, _get(r, k), language, topics) for k, _h in RULE_COLUMNS]
            for r in data["rules"]
        ]
        _sheet(book, str(SHEETS["rules"]), [str(h) for _k, h in RULE_COLUMNS], rules)
        dates = [
            [shown_code(r["id"]), *[_cell(k, _get(d, k), language) for k, _h in DATE_COLUMNS[1:]]]
            for r in data["rules"]
            for d in sorted(r.get("dates") or [], key=lambda d: d["date"])
        ]
        _sheet(book, str(SHEETS["dates"]), [str(h) for _k, h in DATE_COLUMNS], dates)
        topic_rows = [[key, v.get("tr", ""), v.get("en", "")] for key, v in topics.items()]
        _sheet(book, str(SHEETS["topics"]), [str(h) for _k, h in TOPIC_COLUMNS], topic_rows)
        buffer = io.BytesIO()
        book.save(buffer)
    return buffer.getvalue()


def _in_both(labels) -> dict[str, Any]:
    """``{label in Turkish or English (folded): value}`` for reading uploads back."""
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in labels:
                shown = label(language) if callable(label) else str(label)
                found[shown.strip().casefold()] = value
    return found


class _Reader:
    """Collects every error of an upload with its sheet, row and column before refusing it."""

    def __init__(self, book):
        self.book = book
        self.errors: list[str] = []
        sheet_names = _in_both([(key, label) for key, label in SHEETS.items()])
        self.sheets = {
            sheet_names.get(name.strip().casefold()): book[name] for name in book.sheetnames
        }

    def error(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        where = str(SHEETS[sheet])
        if row is not None:
            where = _("%(sheet)s, row %(row)s") % {"sheet": where, "row": row}
        if column:
            where = f"{where}, {column}"
        self.errors.append(f"{where}: {message}")

    def table(self, sheet: str, columns) -> list[tuple[int, dict[str, Any]]]:
        """The sheet's rows as ``(row number, {key: cell})``; headers matched in either language."""
        if sheet not in self.sheets:
            self.errors.append(_("The sheet %(sheet)s is missing.") % {"sheet": SHEETS[sheet]})
            return []
        rows = list(self.sheets[sheet].iter_rows(values_only=True))
        if not rows:
            return []
        headers = _in_both(columns)
        keys = [headers.get(str(h or "").strip().casefold()) for h in rows[0]]
        for key, header in columns:
            if key not in keys:
                self.error(sheet, 1, None, _("column %(col)s is missing") % {"col": header})
        found = []
        for number, row in enumerate(rows[1:], start=2):
            if all(v in (None, "") for v in row):
                continue
            found.append((number, {k: v for k, v in zip(keys, row, strict=False) if k}))
        return found


def _as_date(value: Any) -> str | None:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    raw = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(raw, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def _items(value: Any, commas: bool = False) -> list[str]:
    """A cell's list: semicolons or lines separate items (labels may hold commas)."""
    value = str(value or "").replace("\n", ";")
    parts = (value.replace(",", ";") if commas else value).split(";")
    return [p.strip() for p in parts if p.strip()]


class _RuleReader:
    """Turns one row of the rules sheet into a rule, reporting each cell it cannot read."""

    def __init__(self, reader: _Reader, topics: dict):
        self.reader = reader
        self.vocabularies = vocabularies(topics)
        self.labels = {key: _in_both(vocab.items()) for key, vocab in self.vocabularies.items()}
        self.yes = _in_both([(True, gettext_lazy("Yes")), (False, gettext_lazy("No"))])
        self.headers = dict(RULE_COLUMNS)

    def value(self, number: int, key: str, cell: Any) -> Any:
        header = str(self.headers[key])
        if key == "id":
            return stored_code(cell)
        if key == "source.date":
            iso = _as_date(cell)
            if iso is None and cell not in (None, ""):
                self.reader.error("rules", number, header, _("not a date (DD.MM.YYYY)"))
            return iso or ""
        if key.startswith("match.") and key[6:] in BOOL_MATCHES:
            answer = self.yes.get(str(cell or "").strip().casefold(), None)
            if cell not in (None, "") and answer is None:
                self.reader.error("rules", number, header, _("write Yes or leave it empty"))
            return bool(answer)
        if key in self.labels:
            return self._labelled(number, key, header, cell)
        if key in ("match.nace_prefixes", "match.cn_prefixes", "measures"):
            return [str(v).replace(" ", "") for v in _items(cell, commas=True)]
        return str(cell).strip() if cell not in (None, "") else ""

    def _labelled(self, number: int, key: str, header: str, cell: Any) -> Any:
        found = []
        single = key in ("jurisdiction", "topic")
        for item in [str(cell or "").strip()] if single else _items(cell):
            if not item:
                continue
            value = self.labels[key].get(item.casefold())
            if value is None:
                value = item if item in self.vocabularies[key] else None
            if value is None:
                message = _("%(value)s is not one of the choices") % {"value": item}
                self.reader.error("rules", number, header, message)
            else:
                found.append(value)
        return (found[0] if found else "") if single else found

    def rule(self, number: int, row: dict[str, Any]) -> dict[str, Any]:
        rule: dict[str, Any] = {"match": {}}
        for key, header in RULE_COLUMNS:
            value = self.value(number, key, row.get(key))
            if key in REQUIRED and value in ("", None):
                self.reader.error("rules", number, str(header), _("required"))
            if key.startswith("match.") and value in ([], False, ""):
                continue
            _put(rule, key, value)
        return rule


def read_catalogue(upload, base: dict[str, Any]) -> dict[str, Any]:
    """The catalogue in an uploaded workbook, on top of ``base`` for anything the file leaves
    out. Raises ValidationError listing each sheet, row and column that is wrong."""
    try:
        book = load_workbook(upload, data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError({"file": [_("The file is not an Excel workbook (.xlsx).")]}) from None
    reader = _Reader(book)
    data = {k: v for k, v in base.items() if k != "rules"}
    for number, row in reader.table("settings", SETTING_COLUMNS):
        key = _in_both([(k, h) for k, h in SETTINGS]).get(str(row.get("field") or "").casefold())
        value = row.get("value")
        if key in DATE_KEYS:
            value = _as_date(value)
            if value is None:
                reader.error("settings", number, str(dict(SETTINGS)[key]), _("not a date"))
        elif key and key.endswith("eur_per_tco2e"):
            try:
                value = float(value or 0)
            except (TypeError, ValueError):
                reader.error("settings", number, str(dict(SETTINGS)[key]), _("not a number"))
        if key:
            _put(data, key, value if value is not None else "")
    topics = {}
    for _number, row in reader.table("topics", TOPIC_COLUMNS):
        key = stored_code(row.get("key"))
        topics[key] = {lang: str(row.get(lang) or "").strip() for lang in LANGUAGES}
    if topics:
        data["topics"] = topics
    rules_reader = _RuleReader(reader, data.get("topics") or {})
    rules = [rules_reader.rule(n, row) for n, row in reader.table("rules", RULE_COLUMNS)]
    by_id: dict[str, dict] = {}
    for (number, _row), rule in zip(reader.table("rules", RULE_COLUMNS), rules, strict=True):
        if rule.get("id") in by_id:
            reader.error("rules", number, str(RULE_COLUMNS[0][1]), _("this code is used twice"))
        by_id.setdefault(rule.get("id"), rule)
    for rule in rules:
        rule["dates"] = []
    for number, row in reader.table("dates", DATE_COLUMNS):
        rule = by_id.get(stored_code(row.get("id")))
        iso = _as_date(row.get("date"))
        if rule is None:
            reader.error("dates", number, str(DATE_COLUMNS[0][1]), _("no rule has this code"))
        if iso is None:
            reader.error("dates", number, str(DATE_COLUMNS[1][1]), _("not a date (DD.MM.YYYY)"))
        if rule is not None and iso:
            label = {lang: str(row.get(f"label.{lang}") or "").strip() for lang in LANGUAGES}
            rule["dates"].append({"date": iso, "label": label})
    if reader.errors:
        raise ValidationError({"file": reader.errors})
    data["rules"] = rules
    return data


def rule_summary(rule: dict[str, Any], language: str) -> dict[str, list[str]]:
    """A rule's scope in words, for the catalogue page: each list column by its labels."""
    shown = {}
    for key, header in RULE_COLUMNS[16:-1]:
        value = _cell(key, _get(rule, key), language)
        if value not in ("", None):
            shown[str(header)] = str(value)
    return shown


__all__ = ["catalogue_workbook", "read_catalogue", "rule_summary", "shown_code", "text"]

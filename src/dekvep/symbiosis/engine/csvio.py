"""Reading listings from the interchange CSV of ``dekvep match``, checking every field.

A problem names its line and column. The caller decides whether the first problem stops the
run or the bad rows are skipped; nothing is produced from a file with unreported problems.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from dekvep.symbiosis.engine.knowledge import Knowledge
from dekvep.symbiosis.engine.model import Listing, Profile
from dekvep.symbiosis.engine.numbers import AmbiguousNumber, convention, detect, parse
from dekvep.symbiosis.engine.profile import read_listing
from dekvep.symbiosis.engine.units import PERIODS, UNITS, UnitError, to_tonnes_per_year
from dekvep.text import format_waste_code, normalise_waste_code

COLUMNS = (
    "id",
    "kind",
    "organization",
    "title",
    "description",
    "ewc_code",
    "quantity",
    "unit",
    "period",
    "latitude",
    "longitude",
    "hazardous_licence",
)
# Optional, after the contract's columns: the supply or needed temperature of heat and steam.
OPTIONAL_COLUMNS = ("temperature_c",)
NUMBER_STYLES = ("auto", "tr", "en")
MAX_BYTES = 32 * 1024 * 1024
# Larger than the yearly output of any single plant: a typing error, not a listing.
MAX_TONNES_PER_YEAR = 5_000_000
_YES = {"yes", "y", "true", "1", "evet", "e"}
_NO = {"no", "n", "false", "0", "hayir", "hayır", "h", ""}


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ListingFileError(ValueError):
    """The file as a whole cannot be read (size, encoding, header)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _RowError(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """The text of a CSV file, refusing files too large or not UTF-8."""
    if len(data) > max_bytes:
        size, limit = len(data) / 1024 / 1024, max_bytes / 1024 / 1024
        raise ListingFileError(
            Problem(1, "", f"the file is {size:.1f} MB; the limit is {limit:.0f} MB — split it")
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ListingFileError(
            Problem(
                line,
                str(column),
                f"the file is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8 CSV",
            )
        ) from None
    if not text.strip():
        raise ListingFileError(
            Problem(1, "", "the file is empty; expected the header " + ",".join(COLUMNS))
        )
    return text.lstrip("\ufeff")


def read_listings(
    source: Path | bytes,
    knowledge: Knowledge,
    skip_invalid: bool = False,
    max_bytes: int = MAX_BYTES,
    numbers: str = "auto",
) -> tuple[list[Profile], list[Problem]]:
    """Profiles of the valid rows and the problems found.

    Without ``skip_invalid`` the first bad row raises :class:`ListingFileError`. ``numbers`` says
    how quantities are written: "tr" (1.500,5), "en" (1,500.5) or "auto" (read from the file).
    """
    data = source.read_bytes() if isinstance(source, Path) else source
    reader = csv.reader(io.StringIO(decode(data, max_bytes), newline=""))
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ListingFileError(
            Problem(1, missing[0], f"missing column '{missing[0]}'; expected " + ",".join(COLUMNS))
        )
    position = {name: header.index(name) for name in COLUMNS + OPTIONAL_COLUMNS if name in header}
    rows = []
    for row in reader:
        rows.append((reader.line_num, row))
    locale = _number_style(rows, position["quantity"], numbers)
    profiles: list[Profile] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            if len(row) != len(header):
                raise _RowError("", f"{len(row)} fields where the header has {len(header)}")
            values = {name: row[i].strip() for name, i in position.items()}
            if values["id"] in seen:
                raise _RowError(
                    "id", f"duplicate id '{values['id']}' (first on line {seen[values['id']]})"
                )
            profiles.append(_profile(values, knowledge, locale))
            seen[values["id"]] = line
        except _RowError as error:
            problem = Problem(line, error.column, str(error))
            if not skip_invalid:
                raise ListingFileError(problem) from None
            problems.append(problem)
    if not profiles and not problems:
        raise ListingFileError(Problem(1, "", "the file has a header but no listings"))
    return profiles, problems


def _number_style(rows, column: int, numbers: str) -> str | None:
    """The file's way of writing quantities; a file written both ways stops the run."""
    if numbers != "auto":
        return numbers
    values = [row[column].strip() for _, row in rows if len(row) > column]
    lines = [line for line, row in rows if len(row) > column]
    style, odd = detect(values)
    if odd:
        first = odd[0]
        raise ListingFileError(
            Problem(
                lines[first],
                "quantity",
                f"'{values[first]}' is written the other way from the rest of the file "
                f"(mostly {'1.500,5' if style == 'tr' else '1,500.5'}); write all quantities "
                "one way or give --numbers tr or en",
            )
        )
    return style


def _quantity(text: str, locale: str | None) -> float:
    written = convention(text)
    if locale and written and written != locale:
        example = "1.500,5" if locale == "tr" else "1,500.5"
        raise _RowError("quantity", f"'{text}' is not written as the file's numbers ({example})")
    try:
        return parse(text, locale)
    except AmbiguousNumber:
        raise _RowError(
            "quantity",
            f"'{text}' may be {parse(text, 'tr'):g} (Turkish) or {parse(text, 'en'):g} (English) "
            "and the file does not say which; give --numbers tr or en",
        ) from None
    except ValueError:
        raise _RowError("quantity", f"'{text}' is not a number") from None


def _profile(values: dict[str, str], knowledge: Knowledge, locale: str | None = None) -> Profile:
    if not values["id"]:
        raise _RowError("id", "the id is empty")
    kind = values["kind"].lower()
    if kind not in ("offer", "want"):
        raise _RowError("kind", f"'{values['kind']}' is not offer or want")
    if not values["organization"]:
        raise _RowError("organization", "the organization is empty")
    if not values["title"] and not values["description"]:
        raise _RowError("title", "give a title or a description")
    code, hazardous = _code(values["ewc_code"], knowledge)
    quantity = _quantity(values["quantity"], locale)
    if not (quantity > 0) or math.isinf(quantity):
        raise _RowError("quantity", f"quantity must be a positive number, not {values['quantity']}")
    unit, period = values["unit"].lower(), values["period"].lower()
    if unit not in UNITS:
        raise _RowError("unit", f"'{values['unit']}' is not one of {'|'.join(UNITS)}")
    if period not in PERIODS:
        raise _RowError("period", f"'{values['period']}' is not one of {'|'.join(PERIODS)}")
    latitude, longitude = _coordinates(values)
    licence = values["hazardous_licence"].lower()
    if licence not in _YES | _NO:
        raise _RowError(
            "hazardous_licence", f"'{values['hazardous_licence']}' is not yes, no or empty"
        )
    listing = Listing(
        id=values["id"],
        kind=kind,
        organisation=values["organization"],
        title=values["title"],
        description=values["description"],
        waste_code=code,
        latitude=latitude,
        longitude=longitude,
        hazardous=hazardous,
        hazardous_licence=licence in _YES,
        temperature_c=_temperature(values.get("temperature_c", "")),
    )
    profile = read_listing(listing, knowledge)
    try:
        tonnes = to_tonnes_per_year(quantity, unit, period, profile.main_material, knowledge)
    except UnitError as error:
        raise _RowError("unit", str(error)) from None
    if tonnes > MAX_TONNES_PER_YEAR:
        raise _RowError(
            "quantity",
            f"{tonnes:,.0f} t per year is more than any plant handles; check quantity and unit",
        )
    listing.tonnes_per_year = tonnes
    return profile


def _code(text: str, knowledge: Knowledge) -> tuple[str | None, bool | None]:
    if not text:
        return None, None
    code = normalise_waste_code(text)
    if code is None or len("".join(ch for ch in text if ch.isdigit())) != 6:
        raise _RowError("ewc_code", f"'{text}' is not a six-digit waste code like 04 02 22")
    entry = knowledge.waste_codes.get(code)
    if knowledge.waste_codes and entry is None:
        raise _RowError("ewc_code", f"{format_waste_code(code)} is not in the List of Waste")
    starred = text.strip().endswith("*")
    if entry and starred and not entry.hazardous:
        raise _RowError(
            "ewc_code", f"{format_waste_code(code)} is not a hazardous entry; remove the *"
        )
    return code, (entry.hazardous if entry else starred)


def _number(text: str, column: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise _RowError(column, f"'{text}' is not a number") from None


def _temperature(text: str) -> float | None:
    if not text:
        return None
    value = _number(text, "temperature_c")
    if not -50 <= value <= 1500:
        raise _RowError(
            "temperature_c", f"{text} °C is not a temperature a plant supplies or needs"
        )
    return value


def _coordinates(values: dict[str, str]) -> tuple[float | None, float | None]:
    lat_text, lon_text = values["latitude"], values["longitude"]
    if not lat_text and not lon_text:
        return None, None
    if not lat_text or not lon_text:
        return_column = "latitude" if not lat_text else "longitude"
        raise _RowError(return_column, "give both latitude and longitude, or neither")
    latitude, longitude = _number(lat_text, "latitude"), _number(lon_text, "longitude")
    if not -90 <= latitude <= 90:
        raise _RowError("latitude", f"{lat_text} is outside the world (-90 to 90)")
    if not -180 <= longitude <= 180:
        raise _RowError("longitude", f"{lon_text} is outside the world (-180 to 180)")
    return latitude, longitude

"""The rows of the targets page and API: every wired figure, its value, unit and target."""

from dekvep.core.formatting import format_number, format_share, language_of

from .figures import all_figures
from .services import targets_of

FIELD_PREFIX = "target-"


def target_inputs(data) -> dict[str, str]:
    """``{figure key: typed value}`` from the form's ``target-<key>`` fields."""
    return {
        name[len(FIELD_PREFIX) :]: data[name].strip()
        for name in data
        if name.startswith(FIELD_PREFIX)
    }


def as_typed(value) -> str:
    """A number as the reader would type it back: no grouping, no trailing zeros."""
    if value is None:
        return ""
    text = f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language_of() == "tr" else text


def target_rows(programme, data=None, errors=None) -> list[dict]:
    targets = targets_of(programme)
    errors = errors or {}
    rows = []
    for figure in all_figures():
        if not figure.wired:
            continue
        value = figure.compute(programme)
        target = targets.get(figure.key)
        typed = data.get(FIELD_PREFIX + figure.key, "") if data is not None else None
        rows.append(
            {
                "key": figure.key,
                "field": FIELD_PREFIX + figure.key,
                "label": str(figure.label),
                "unit": figure.unit.value,
                "unit_label": str(figure.unit_label),
                "value": value,
                "display": format_number(value, figure.decimals),
                "target": target,
                # Shown as the reader types numbers, and as entered (no trailing ".0").
                "input": typed if typed is not None else as_typed(target),
                "share": format_share(float(value) / target) if target else "",
                "errors": errors.get(figure.key, []),
            }
        )
    return rows

"""``dekvep assess INVENTORY.json|INVENTORY.xlsx [--format json|html|pdf] [--output FILE]``.

Runs the assessment engine on one inventory file with no database. JSON goes to standard output
unless ``--output`` is given; HTML and PDF render the same template as the web report.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .engine import InventoryError, assess
from .engine.assess import Options
from .engine.factors import FactorError, available_factor_sets
from .xlsx import WorkbookError, cell_errors, load_template, read_workbook


class InputError(ValueError):
    """The inventory file cannot be read."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dekvep assess",
        description="Assess one inventory (JSON or Excel template) without a database.",
    )
    parser.add_argument("inventory", type=Path, help="INVENTORY.json or INVENTORY.xlsx")
    parser.add_argument("--format", choices=("json", "html", "pdf"), default="json")
    parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
    parser.add_argument(
        "--factor-set",
        choices=available_factor_sets(),
        default=None,
        help="factor set to use (default: the current one)",
    )
    parser.add_argument(
        "--language", choices=("tr", "en"), default="tr", help="report language for html and pdf"
    )
    parser.add_argument(
        "--gwp-set", choices=("AR5", "AR6"), default=None, help="GWP set (default: AR5)"
    )
    parser.add_argument(
        "--discount-rate",
        type=float,
        default=None,
        help="real discount rate for the measures' NPV, e.g. 0.08 (default: the programme default)",
    )
    parser.add_argument(
        "--tr-carbon-price",
        type=float,
        default=0.0,
        help="carbon price paid in Türkiye, EUR/tCO2e, deducted from CBAM (default: 0)",
    )
    return parser


def load_inventory(path: Path) -> dict[str, Any]:
    """The inventory in the JSON format, read from a .json file or an Excel template."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path.read_bytes())
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a JSON file ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: the inventory must be a JSON object")
    return data


def _render(result, fmt: str, language: str) -> bytes:
    if fmt == "json":
        text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
    # Lazy: rendering loads Django; the command's JSON output runs without it.
    from .report_render import render_standalone

    return render_standalone(result, fmt, language)


def main(argv: list[str]) -> int:
    """Entry point used by the ``dekvep`` command; returns the process exit code."""
    args = _parser().parse_args(argv)
    locator = None
    try:
        if args.inventory.suffix.lower() == ".xlsx" and args.inventory.is_file():
            data, locator = load_template(args.inventory.read_bytes())
        else:
            data = load_inventory(args.inventory)
        options = Options(
            discount_rate=args.discount_rate, origin_carbon_price_eur_per_t=args.tr_carbon_price
        )
        result = assess(data, args.factor_set, options=options, gwp_set=args.gwp_set)
    except InventoryError as error:
        messages = cell_errors(error, locator) if locator else error.errors
        for item in messages:
            print(f"error: {item}", file=sys.stderr)
        return 1
    except WorkbookError as error:
        for item in error.errors:
            print(f"error: {item}", file=sys.stderr)
        return 1
    except (InputError, FactorError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    output = _render(result, args.format, args.language)
    if args.output:
        args.output.write_bytes(output)
    else:
        sys.stdout.buffer.write(output)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))

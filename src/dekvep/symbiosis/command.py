"""``dekvep match``: run the matching engine on a CSV of listings, with no database."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from dekvep.core.exports import csv_writer
from dekvep.symbiosis.engine import default_knowledge, match_all, render_reason
from dekvep.symbiosis.engine.csvio import (
    COLUMNS,
    MAX_BYTES,
    NUMBER_STYLES,
    ListingFileError,
    read_listings,
)

OUTPUT_COLUMNS = ("offer_id", "want_id", "rank", "score", "distance_km", "reasons")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dekvep match",
        description="Rank, for each offer in a listings CSV, the compatible wants, with reasons.",
    )
    parser.add_argument(
        "listings", type=Path, help="UTF-8 CSV with the columns " + ",".join(COLUMNS)
    )
    parser.add_argument("--top", type=int, default=10, help="wants per offer (default 10)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    parser.add_argument(
        "--skip-invalid", action="store_true", help="report bad rows and go on without them"
    )
    parser.add_argument(
        "--lang", choices=("en", "tr"), default="en", help="language of the reasons"
    )
    parser.add_argument(
        "--numbers",
        choices=NUMBER_STYLES,
        default="auto",
        help="how quantities are written: tr (1.500,5), en (1,500.5) or auto (read from the file;"
        " a value that may be either is reported)",
    )
    parser.add_argument(
        "--max-mb", type=int, default=MAX_BYTES // (1024 * 1024), help="largest file accepted"
    )
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.top < 1:
        print("dekvep match: --top must be at least 1", file=sys.stderr)
        return 2
    if not args.listings.is_file():
        print(f"dekvep match: {args.listings}: no such file", file=sys.stderr)
        return 2
    knowledge = default_knowledge()
    try:
        profiles, problems = read_listings(
            args.listings,
            knowledge,
            skip_invalid=args.skip_invalid,
            max_bytes=args.max_mb * 1024 * 1024,
            numbers=args.numbers,
        )
    except ListingFileError as error:
        print(f"dekvep match: {args.listings}: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"dekvep match: {args.listings}: skipped {problem}", file=sys.stderr)
    results = match_all(profiles, top=args.top, knowledge=knowledge)
    text = (
        _json(results, problems, args.lang) if args.format == "json" else _csv(results, args.lang)
    )
    _write(text, args.output)
    return 0


def _rows(results, lang):
    knowledge = default_knowledge()
    for offer_id, matches in results.items():
        for rank, match in enumerate(matches, 1):
            yield offer_id, rank, match, [render_reason(r, lang, knowledge) for r in match.reasons]


def _csv(results, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(OUTPUT_COLUMNS)
    for offer_id, rank, match, reasons in _rows(results, lang):
        distance = "" if match.distance_km is None else f"{match.distance_km:.1f}"
        writer.writerow(
            [offer_id, match.want_id, rank, f"{match.score:.4f}", distance, "; ".join(reasons)]
        )
    return buffer.getvalue()


def _json(results, problems, lang: str) -> str:
    matches = [
        {
            "offer_id": offer_id,
            "want_id": match.want_id,
            "rank": rank,
            "score": match.score,
            "distance_km": match.distance_km,
            "reasons": [
                {"key": r.key, "params": r.params, "text": text}
                for r, text in zip(match.reasons, texts, strict=True)
            ],
        }
        for offer_id, rank, match, texts in _rows(results, lang)
    ]
    skipped = [{"line": p.line, "column": p.column, "message": p.message} for p in problems]
    return json.dumps({"matches": matches, "skipped": skipped}, ensure_ascii=False, indent=1) + "\n"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    # written beside the target and renamed: a failed run leaves no half-written file
    handle, temporary = tempfile.mkstemp(dir=output.resolve().parent, prefix=".dekvep-match-")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    os.replace(temporary, output)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))

"""``dekvep match``: run the matching engine on a CSV of listings, with no database."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from dekvep.core.exports import csv_writer
from dekvep.symbiosis.engine import default_knowledge, iter_matches, render_reason
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
    results = iter_matches(profiles, top=args.top, knowledge=knowledge)
    write = _write_json if args.format == "json" else _write_csv
    _output(lambda stream: write(stream, results, problems, args.lang), args.output)
    return 0


def _rows(results, lang):
    knowledge = default_knowledge()
    for offer_id, matches in results:
        for rank, match in enumerate(matches, 1):
            yield offer_id, rank, match, [render_reason(r, lang, knowledge) for r in match.reasons]


def _write_csv(stream, results, problems, lang: str) -> None:
    # each offer's rows are written as soon as they are ranked: memory does not grow with them
    writer = csv_writer(stream)
    writer.writerow(OUTPUT_COLUMNS)
    for offer_id, rank, match, reasons in _rows(results, lang):
        distance = "" if match.distance_km is None else f"{match.distance_km:.1f}"
        writer.writerow(
            [offer_id, match.want_id, rank, f"{match.score:.4f}", distance, "; ".join(reasons)]
        )


def _write_json(stream, results, problems, lang: str) -> None:
    """The same document as one ``json.dumps`` of the whole, written match by match."""
    stream.write('{\n "matches": [')
    first = True
    for offer_id, rank, match, texts in _rows(results, lang):
        item = {
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
        text = json.dumps(item, ensure_ascii=False, indent=1)
        stream.write(("\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        first = False
    stream.write("\n ],\n" if not first else "],\n")
    skipped = [{"line": p.line, "column": p.column, "message": p.message} for p in problems]
    text = json.dumps(skipped, ensure_ascii=False, indent=1).replace("\n", "\n ")
    stream.write(f' "skipped": {text}\n}}\n')


def _output(write, output: Path | None) -> None:
    if output is None:
        write(sys.stdout)
        return
    # written beside the target and renamed: a failed run leaves no half-written file
    handle, temporary = tempfile.mkstemp(dir=output.resolve().parent, prefix=".dekvep-match-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
    except BaseException:
        os.unlink(temporary)
        raise
    os.replace(temporary, output)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))

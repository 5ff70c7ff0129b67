"""``dekvep verify_credential FILE [--issuer DID_DOCUMENT]``: check an Open Badges credential's
proof and its revocation status (Bitstring Status List). ``--issuer`` is for other issuers: this
platform's own DID document and status list always come from the platform."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from dekvep.events.credentials import loads
from dekvep.events.status_list import verify_credential


class Command(BaseCommand):
    help = "Verify the signature of an Open Badges 3.0 credential (JSON file)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="credential JSON file, or - for standard input")
        parser.add_argument(
            "--issuer",
            help="another issuer's DID document (JSON file); this platform's own is never "
            "taken from the caller",
        )

    def handle(self, *args, **options):
        text = (
            sys.stdin.read() if options["file"] == "-" else Path(options["file"]).read_text("utf-8")
        )
        try:
            credential = loads(text)
            document = (
                loads(Path(options["issuer"]).read_text("utf-8")) if options["issuer"] else None
            )
        except (ValueError, json.JSONDecodeError) as error:
            self.stdout.write(f"INVALID: not a JSON credential ({error})")
            sys.exit(1)
        result = verify_credential(credential, document)
        self.stdout.write(("VALID: " if result.valid else "INVALID: ") + result.reason)
        if not result.valid:
            sys.exit(1)

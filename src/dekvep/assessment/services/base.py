"""What the services of this package share: constants and helpers."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from dekvep.catalog.sectors import priority_sectors
from dekvep.core.models import Membership, User

from .. import xlsx
from ..models import Inventory

Status = Inventory.Status
# The sectors with a sector report; firms of any other sector are assessed as "other".
# The priority sectors, from catalog/data/priority_sectors.csv.
SECTOR_KEYS = tuple(sector.key for sector in priority_sectors())
# A sector report shows figures only when they aggregate at least this many firms.
SECTOR_REPORT_MIN_FIRMS = 3
# (action, from states, to state, permission)
TRANSITIONS = {
    "submit": ((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "assessment.submit_inventory"),
    "return": ((Status.SUBMITTED,), Status.RETURNED, "assessment.review_inventory"),
    "approve": ((Status.SUBMITTED,), Status.APPROVED, "assessment.review_inventory"),
    "reopen": ((Status.APPROVED,), Status.RETURNED, "assessment.review_inventory"),
}


class UploadError(ValidationError):
    """An Excel upload with problems; ``cells`` lists each error at its sheet, row and column."""

    def __init__(self, cells: list[xlsx.CellError]):
        self.cells = cells
        by_cell: dict[str, list[str]] = {}
        for c in cells:
            by_cell.setdefault(f"{c.sheet}!{c.column}{c.row}", []).append(c.message)
        super().__init__(by_cell)


def _firm_members(inventory: Inventory) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(organisation=inventory.organisation).select_related(
            "user"
        )
    ]

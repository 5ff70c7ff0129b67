"""What the assessment adds to home pages: inventories to fill or review, programme figures."""

from django.urls import reverse
from django.utils.translation import gettext as _

from dekvep.core.rules import member_organisation_ids

from .models import Inventory
from .selectors import visible_inventories


def todos(user) -> list[dict]:
    items = []
    own = member_organisation_ids(user)
    for inventory in visible_inventories(user).filter(
        status__in=[Inventory.Status.DRAFT, Inventory.Status.RETURNED], organisation_id__in=own
    )[:5]:
        items.append(
            {
                "label": _("Complete and submit the inventory %(name)s") % {"name": inventory},
                "url": reverse("assessment:inventory_detail", args=[inventory.pk]),
            }
        )
    for inventory in visible_inventories(user).filter(status=Inventory.Status.SUBMITTED)[:10]:
        if user.has_perm("assessment.review_inventory", inventory):
            items.append(
                {
                    "label": _("Review the inventory %(name)s") % {"name": inventory},
                    "url": reverse("assessment:inventory_detail", args=[inventory.pk]),
                }
            )
    return items


def figures(user, programme) -> list[dict]:
    if programme is None or not user.has_perm("assessment.view_sector_report", programme):
        return []
    approved = Inventory.objects.filter(programme=programme, status=Inventory.Status.APPROVED)
    return [
        {
            "label": _("Firms with an approved assessment"),
            "value": approved.values("organisation").distinct().count(),
            "url": reverse("assessment:home"),
        }
    ]

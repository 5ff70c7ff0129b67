"""What the marketplace adds to the role home pages: things to answer, the programme's figures."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dekvep.core.batch import counts
from dekvep.core.models import Participation
from dekvep.core.rules import member_organisation_ids
from dekvep.symbiosis.expiry import renewal_due, renewal_todos
from dekvep.symbiosis.models import Listing, Synergy, WorkshopAgreement
from dekvep.symbiosis.services import programme_impact

OPEN_STATES = ["identified", "contacted", "negotiating"]


def todos(user) -> list[dict]:
    orgs = member_organisation_ids(user)
    if not orgs:
        return []
    items = []
    drafts = Listing.objects.filter(organisation_id__in=orgs, status=Listing.Status.DRAFT)
    n = counts(  # read together in one statement
        {
            "waiting": Synergy.objects.filter(
                Q(offer__organisation_id__in=orgs, offer_side_agrees=False, want_side_agrees=True)
                | Q(want__organisation_id__in=orgs, want_side_agrees=False, offer_side_agrees=True),
                state__in=OPEN_STATES,
            ),
            "from_workshop": drafts.filter(workshop_table__isnull=False),
            "drafts": drafts,
            "to_renew": renewal_due(orgs),
        }
    )
    waiting = n["waiting"]
    if waiting:
        items.append(
            {
                "label": ngettext(
                    "%(n)s firm wants to be introduced to you",
                    "%(n)s firms want to be introduced to you",
                    waiting,
                )
                % {"n": waiting},
                "url": reverse("symbiosis:synergies"),
            }
        )
    from_workshop = n["from_workshop"]
    if from_workshop:
        items.append(
            {
                "label": ngettext(
                    "Check and publish %(n)s listing entered for you at a workshop",
                    "Check and publish %(n)s listings entered for you at a workshop",
                    from_workshop,
                )
                % {"n": from_workshop},
                "url": reverse("symbiosis:mine"),
            }
        )
    own_drafts = n["drafts"] - from_workshop
    if own_drafts:
        items.append(
            {
                "label": ngettext(
                    "%(n)s draft listing is not published yet",
                    "%(n)s draft listings are not published yet",
                    own_drafts,
                )
                % {"n": own_drafts},
                "url": reverse("symbiosis:mine"),
            }
        )
    return items + renewal_todos(n["to_renew"])


def figures(user, programme) -> list[dict]:
    if programme is None:
        return []
    if user.has_perm("symbiosis.view_programme_board", programme):
        return _programme_figures(programme)
    orgs = set(
        Participation.objects.filter(
            programme=programme, organisation_id__in=member_organisation_ids(user)
        ).values_list("organisation_id", flat=True)
    )
    if not orgs:
        return []
    mine = Listing.objects.filter(programme=programme, organisation_id__in=orgs)
    synergies = Synergy.objects.filter(programme=programme).filter(
        Q(offer__organisation_id__in=orgs) | Q(want__organisation_id__in=orgs)
    )
    n = counts(
        {
            "published": mine.filter(status=Listing.Status.PUBLISHED),
            "under_way": synergies.exclude(state="dropped"),
        }
    )
    return [
        {
            "label": _("My published listings"),
            "value": n["published"],
            "url": reverse("symbiosis:mine"),
        },
        {
            "label": _("My synergies under way"),
            "value": n["under_way"],
            "url": reverse("symbiosis:synergies"),
        },
    ]


def _programme_figures(programme) -> list[dict]:
    published = Listing.objects.filter(programme=programme, status=Listing.Status.PUBLISHED)
    synergies = Synergy.objects.filter(programme=programme)
    impact = programme_impact(programme)
    board = reverse("symbiosis:board")
    return [
        {
            "label": _("Published listings"),
            "value": published.count(),
            "url": reverse("symbiosis:home"),
        },
        {
            "label": _("Synergies agreed or running"),
            "value": synergies.filter(state__in=["agreed", "active", "ended"]).count(),
            "url": reverse("symbiosis:synergies"),
        },
        {"label": _("Tonnes a year placed"), "value": round(impact.tonnes), "url": board},
        {
            "label": _("Matches agreed at workshops"),
            "value": WorkshopAgreement.objects.filter(table__programme=programme).count(),
            "url": reverse("symbiosis:workshop"),
        },
    ]

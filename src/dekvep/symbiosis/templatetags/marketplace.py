"""Links to the providers' services and the challenge proposals, for those who may use them."""

from django import template

from dekvep.core.selectors import primary_programme
from dekvep.symbiosis.providers import provider_organisations

register = template.Library()


@register.inclusion_tag("symbiosis/_marketplace_links.html", takes_context=True)
def marketplace_links(context):
    user = context["request"].user
    programme = primary_programme(user)
    return {
        "services": provider_organisations(user).exists(),
        "challenges": programme is not None
        and user.has_perm("symbiosis.view_challenge_proposals", programme),
    }

"""What a programme decides about unmatched offers, and the challenges drafted from them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChallengeSettings(models.Model):
    """After how many days an offer nobody takes is proposed as an open-innovation challenge,
    the score a match needs to count as acceptable, and the call challenges go to."""

    programme = models.OneToOneField(
        "core.Programme", on_delete=models.CASCADE, related_name="challenge_settings"
    )
    unmatched_days = models.PositiveSmallIntegerField(
        _("days without an acceptable match"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("An offer published this long with no acceptable match is proposed."),
    )
    acceptable_score = models.FloatField(
        _("lowest acceptable match score"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Between 0 and 1; matches scoring lower do not count."),
    )
    call = models.ForeignKey(
        "calls.Call",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("call the challenges go to"),
        help_text=_("Empty: the programme's open-innovation call that is open now."),
    )

    class Meta:
        app_label = "symbiosis"
        verbose_name = _("challenge settings")
        verbose_name_plural = _("challenge settings")

    def __str__(self) -> str:
        return str(self.programme)


class ListingChallenge(models.Model):
    """The link from a challenge drafted from an unmatched offer back to that offer."""

    listing = models.ForeignKey(
        "symbiosis.Listing", on_delete=models.CASCADE, related_name="challenge_links"
    )
    challenge = models.OneToOneField(
        "calls.Challenge", on_delete=models.CASCADE, related_name="listing_link"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "symbiosis"
        ordering = ["-created_at"]
        verbose_name = _("challenge from a listing")

    def __str__(self) -> str:
        return f"{self.listing_id} → {self.challenge_id}"

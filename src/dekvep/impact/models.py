"""The programme's targets: what the operator promised the funder, one number per figure."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Programme


class Target(models.Model):
    """A programme's target for one impact figure (``key`` as in ``dekvep impact``).

    The unit is the figure's own (tonnes a year, tCO2e a year, a count ...), so a target is
    always compared with a number of the same kind.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    key = models.CharField(_("figure"), max_length=60)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="impact_one_target_per_key"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="impact_target_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.key}"

"""Forms for inventories, their review, uploads and opportunities; the inventory grid."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dekvep.core.models import Organisation, Site
from dekvep.core.uploads import validate_upload
from dekvep.text import normalise_waste_code

from . import schema
from .models import Opportunity, ProgrammeSettings
from .services import SETTINGS_FIELDS

BLANK_ROWS = 2
_ROW_INPUT = re.compile(r"^s-(?P<section>[a-z_.]+)-(?P<row>\d+)-(?P<column>[a-z_]+)$")
_PATH = re.compile(r"^(?P<section>[a-z_.]+?)\[(?P<row>\d+)\]\.(?P<column>[a-z_]+)")


class InventoryCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Firm"))
    year = forms.IntegerField(label=_("Year"), min_value=1990)
    site = forms.ModelChoiceField(
        Site.objects.none(),
        label=_("Site"),
        required=False,
        help_text=_("Only when the firm reports its sites separately."),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [o.pk for o in organisations]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        # a site is labelled with its firm's name: read them together
        self.fields["site"].queryset = Site.objects.filter(organisation_id__in=ids).select_related(
            "organisation"
        )
        self.fields["year"].max_value = timezone.localdate().year
        self.fields["year"].initial = timezone.localdate().year - 1


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ("submit", "return", "approve", "reopen")])
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled Excel template (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed=(".xlsx",))
        return upload


class OpportunityForm(forms.ModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "title_tr",
            "title_en",
            "kind",
            "saving",
            "saving_unit",
            "money_try_per_year",
            "tco2e_per_year",
            "investment_try",
            "priority",
            "note",
        ]


def grid_from_post(post) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """General values and section rows from the inventory grid's inputs."""
    general = {c.name: post.get(f"g-{c.name}", "") for c in schema.GENERAL.columns}
    sections: dict[str, dict[int, dict[str, Any]]] = {}
    for name, value in post.items():
        match = _ROW_INPUT.match(name)
        if match:
            rows = sections.setdefault(match["section"], {})
            rows.setdefault(int(match["row"]), {})[match["column"]] = value
    return general, {key: [rows[i] for i in sorted(rows)] for key, rows in sections.items()}


def input_name(path: str, kept: dict[str, list[int]] | None = None) -> str:
    """The grid input a field path points at: ``energy[2].unit`` → ``s-energy-2-unit``."""
    match = _PATH.match(path)
    if match:
        row = int(match["row"])
        if kept and match["section"] in kept and row < len(kept[match["section"]]):
            row = kept[match["section"]][row]
        return f"s-{match['section']}-{row}-{match['column']}"
    return f"g-{path}"


def grid(
    data: dict[str, Any],
    errors: dict[str, str],
    language: str,
    raw: tuple[dict, dict] | None = None,
) -> dict[str, Any]:
    """The grid to render: general cells and section rows, each cell with its error."""
    general_values = raw[0] if raw else schema.general_values(data, language)
    general = [
        _cell(f"g-{c.name}", c, general_values.get(c.name), errors, language)
        for c in schema.GENERAL.columns
    ]
    sections = []
    for section in schema.list_sections():
        rows = raw[1].get(section.key, []) if raw else schema.section_rows(data, section)
        rows = list(rows) + [{}] * BLANK_ROWS
        sections.append(
            {
                "key": section.key,
                "title": section.title(language),
                "headers": [_header(c, language) for c in section.columns],
                "rows": [
                    [
                        _cell(f"s-{section.key}-{i}-{c.name}", c, row.get(c.name), errors, language)
                        for c in section.columns
                    ]
                    for i, row in enumerate(rows)
                ],
                "waste_codes": _waste_codes(rows) if section.key == "wastes" else [],
            }
        )
    return {"general": general, "sections": sections}


def _waste_codes(rows: list[dict]) -> list[str]:
    """The waste codes entered, once each, so the form can explain the mirror entries."""
    codes = [normalise_waste_code(str(row.get("ewc_code") or "")) for row in rows]
    return list(dict.fromkeys(c for c in codes if c))


def _header(column: schema.Column, language: str) -> str:
    label = column.label(language)
    return f"{label} ({column.unit})" if column.unit else label


def _shown(column: schema.Column, value: Any, language: str) -> Any:
    """A number as typed in the reader's language (``218720``, ``0,25``; never ``218720.0``),
    without thousands separators so that it reads back the same."""
    if value is None:
        return ""
    if column.kind in ("number", "share") and isinstance(value, int | float):
        if float(value).is_integer():
            return str(int(value))
        text = repr(float(value))
        return text.replace(".", ",") if language.startswith("tr") else text
    return value


def _cell(name, column, value, errors, language) -> dict[str, Any]:
    value = column.choice_value(value) if column.choices else value
    return {
        "name": name,
        "label": _header(column, language),
        "kind": column.kind,
        "choices": column.options(language),
        "value": _shown(column, value, language),
        "required": column.required,
        "error": errors.get(name),
    }


class ProgrammeSettingsForm(forms.ModelForm):
    """The programme's assessment choices; the fields are the service's writable list."""

    class Meta:
        model = ProgrammeSettings
        fields = list(SETTINGS_FIELDS)
        localized_fields = "__all__"  # "0,08" on Turkish pages

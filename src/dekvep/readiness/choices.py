"""The questionnaire's fixed choices, with their labels in the reader's language."""

from django.utils.translation import gettext_lazy as _

MARKETS = [
    ("eu", _("European Union")),
    ("uk", _("United Kingdom")),
    ("mena", _("Middle East and North Africa")),
    ("americas", _("Americas")),
    ("other", _("Other countries")),
    ("none", _("We do not export")),
]
PRODUCT_TYPES = [
    ("apparel", _("Apparel and clothing accessories")),
    ("home_textiles", _("Home textiles (bed, table, bath linen, curtains)")),
    ("footwear", _("Footwear")),
    ("yarn_fabric", _("Yarn and fabric")),
    ("technical_textiles", _("Technical textiles")),
    ("plastic_packaging", _("Plastic packaging")),
    ("plastic_parts", _("Plastic parts and articles")),
    ("plastic_pipes_profiles", _("Plastic pipes, profiles and sheets")),
    ("refrigerators", _("Refrigerators and freezers")),
    ("washing_machines", _("Washing machines and dryers")),
    ("dishwashers", _("Dishwashers")),
    ("cooking_appliances", _("Ovens and cooking appliances")),
    ("heat_pump_products", _("Air conditioners and heat pumps")),
    ("appliance_components", _("Appliance components (compressors, metal parts)")),
    ("other", _("Other products")),
]
PACKAGING_KINDS = [
    ("plastic", _("Plastic")),
    ("paper", _("Paper and cardboard")),
    ("metal", _("Metal")),
    ("glass", _("Glass")),
    ("wood", _("Wood")),
    ("composite", _("Composite")),
]
FGAS_EQUIPMENT = [
    ("process_cooling", _("Process cooling and chillers")),
    ("air_conditioning", _("Air conditioning")),
    ("heat_pumps", _("Heat pumps")),
    ("cold_rooms", _("Cold rooms")),
    ("fire_protection", _("Fire protection")),
    ("switchgear", _("Electrical switchgear (SF6)")),
    ("none", _("None")),
]
YES_NO = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]


def label(choices, key: str) -> str:
    """The label of ``key`` in ``choices`` in the active language; never the raw key."""
    return str(dict(choices).get(key, _("Other")))

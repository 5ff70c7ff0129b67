"""Interchange with the Türkiye Materials Marketplace (Türkiye Malzeme Pazaryeri).

The marketplace run by the Business Council for Sustainable Development Turkey (SKD Türkiye)
takes listings of materials available and wanted. This package writes and reads them in the
fields it asks for — material name, category, waste code, quantity and unit, frequency,
location, photos — with Turkish headers (English accepted), as a CSV or as a ZIP with the CSV
and the photos. The format is described in docs/marketplace.md; the older CSV of
``dekvep.symbiosis.interchange`` stays as it is.
"""

from .columns import COLUMNS
from .reader import Imported, import_file
from .writer import export_csv, export_zip

__all__ = ["COLUMNS", "Imported", "export_csv", "export_zip", "import_file"]

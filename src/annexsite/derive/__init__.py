"""Stage 4, derive: language-independent view-models (pages, navigation, comparisons).

Every decision about what a page shows is made here; templates only loop and format.
"""

from annexsite.derive.pages import Page, SiteModel, derive_site
from annexsite.derive.text import Segment, link_terms

__all__ = ["Page", "Segment", "SiteModel", "derive_site", "link_terms"]

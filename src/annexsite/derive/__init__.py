"""Stage 4, derive: what the site and the commands show, decided once for every language.

- :mod:`~annexsite.derive.pages`: which pages the site has, what each receives (one frozen data
  class per page kind), the navigation;
- :mod:`~annexsite.derive.views`: the page, navigation and view types pages and change pages share;
- :mod:`~annexsite.derive.urls`: every page path, anchor and URL of the site, in one place;
- :mod:`~annexsite.derive.text`: legal text as runs and links to glossary terms;
- :mod:`~annexsite.derive.compare`: threshold tables and equivalent entries side by side;
- :mod:`~annexsite.derive.versions`: the authentic language versions of an entry, aligned;
- :mod:`~annexsite.derive.classify`: which entries measured values fall under (the classify
  page's data, ``annexsite classify``), reading figures with :mod:`~annexsite.derive.numbers`;
- :mod:`~annexsite.derive.trees`: the decision trees generated from the thresholds;
- :mod:`~annexsite.derive.history`, :mod:`~annexsite.derive.verdicts` and
  :mod:`~annexsite.derive.changes`: the release history, the classifier answers a release
  changes, and the pages about change.

Nothing here is translated or formatted for a reader (that is :mod:`annexsite.localize` and the
templates); the model comes in, view data and page lists go out.
"""

from annexsite.derive.pages import Page, SiteModel, derive_site
from annexsite.derive.text import Segment, link_terms

__all__ = ["Page", "Segment", "SiteModel", "derive_site", "link_terms"]

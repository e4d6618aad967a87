"""Stage 5, localize: per-language translations and Babel formatting of dates and numbers."""

from annexsite.localize.formatting import Formatter
from annexsite.localize.language import Language, load_translations

__all__ = ["Formatter", "Language", "load_translations"]

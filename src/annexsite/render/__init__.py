"""Stage 6, render: Jinja2 templates -> Markdown per language, plus JSON exports."""

from annexsite.render.markdown import Rendered, render_site

__all__ = ["Rendered", "render_site"]

"""One search index per language, so a reader's results are never in another language.

mkdocs-static-i18n merges every language's entries into one index at the site root, which
Material searches whole. After the last language is built, we split that index by URL prefix
into ``<lang>/search/search_index.json`` (with a copy of the sitemap beside it), each with the lunr language, separator and pipeline
that Material defines for the language (Japanese segmentation, the zero-width separator that
jieba's Chinese segmentation uses), and point each language's pages at its own index.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

_ZWSP = "\u200b"
_HAN = re.compile(r"[\u3400-\u9fff]")


def _search_plugin(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin
    return None


def _search_config(config, plugin, code: str) -> dict:
    """Material's lunr settings for a language (what its partials/languages/<code>.html says)."""
    saved = config.theme["language"]
    config.theme["language"] = code
    try:
        lang = plugin._translate(config, "search.config.lang")
        separator = plugin._translate(config, "search.config.separator")
        pipeline = [p for p in re.split(r"\s*,\s*", plugin._translate(config, "search.config.pipeline")) if p]
    finally:
        config.theme["language"] = saved
    return {"lang": [lang], "separator": separator, "pipeline": pipeline, "fields": plugin.config.fields}


def split_index(config, languages) -> dict[str, int]:
    """Write one index per language; returns the number of entries in each."""
    plugin = _search_plugin(config)
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if plugin is None or not merged_path.is_file():
        return {}
    docs = json.loads(merged_path.read_text(encoding="utf-8"))["docs"]
    prefixes = {lang.code: f"{lang.code}/" for lang in languages if not lang.default}
    counts = {}
    for lang in languages:
        if lang.default:
            mine = [d for d in docs if not d["location"].startswith(tuple(prefixes.values()))]
            out = merged_path
        else:
            prefix = prefixes[lang.code]
            mine = [dict(d, location=d["location"][len(prefix):]) for d in docs if d["location"].startswith(prefix)]
            out = Path(config.site_dir) / lang.code / "search" / "search_index.json"
        if lang.code.split("-")[0].split("_")[0] != "zh":  # jieba marks every Han run; only Chinese wants them
            mine = [dict(d, title=d["title"].replace(_ZWSP, ""), text=d["text"].replace(_ZWSP, "")) for d in mine]
        index = {"config": _search_config(config, plugin, lang.code), "docs": mine}
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[lang.code] = len(mine)
        if not lang.default and (Path(config.site_dir) / "sitemap.xml").is_file():
            # Material fetches <base>/sitemap.xml when the reader switches language
            shutil.copyfile(Path(config.site_dir) / "sitemap.xml", out.parent.parent / "sitemap.xml")
    return counts

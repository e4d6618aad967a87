"""An Atom feed (RFC 4287) of the releases, one per language: each release is an entry that
links to its change log and says what it changed."""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

from annexsite.derive.urls import changes_path, feed_path
from annexsite.derive.history import History
from annexsite.model.objects import CHANGE_KINDS

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(d) -> str:
    return f"{d.isoformat()}T00:00:00Z"


def _id(site_url: str, lang: str, path: str) -> str:
    """Absolute and permanent: the page's URL when the site has one, else a name-based UUID."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"annexsite:{lang}:{path}").urn


def atom_feed(history: History, lang: str, page_url, title: str, entry_title, summary, author: str,
              site_url: str = "") -> str:
    """``page_url(docs path)`` gives a page's URL relative to the feed (feed.xml sits in the
    language's root); ``entry_title(step)`` and ``summary(step)`` write one release."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _id(site_url, lang, page_url(feed_path()))
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(history.latest.date)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": feed_path(), "type": "application/atom+xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": page_url(changes_path()), "type": "text/html"})
    for step in reversed(history.steps):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = page_url(changes_path(step.version))
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(site_url, lang, url)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = entry_title(step)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(step.date)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url, "type": "text/html"})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary(step)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def changes_json(history: History, moved: dict) -> dict:
    return {
        "releases": [{"version": s.version, "date": s.date.isoformat(), "previous": s.previous or None,
                      "counts": {k: s.count(k) for k in CHANGE_KINDS}, **s.changes,
                      "verdicts": [dict(c) for c in s.verdicts]} for s in history.steps],
        "moved": [{"annex": a, "code": c, "to": {"entry": f"{t[1]}/{t[2]}"} if t[0] == "entry" else {"release": t[1]}}
                  for (a, c), t in sorted(moved.items())],
    }

"""Releases: immutable snapshots with a hash, the semantic diff, and the release the site names."""

from __future__ import annotations

import html
import json
import re

from helpers import ROOT, run_cli


def test_bundled_history_2025_adds_exactly_the_eu_entries():
    result = run_cli("diff", "2024.1", "2025.1", "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)
    assert {c["annex"] for c in changes["added"]} == {"eu-dual-use-quantum"}
    assert len(changes["added"]) == 10 and changes["removed"] == [] and changes["amended"] == []
    # since 2025.1 the annexes gained machine-readable facts only (each parameter's type and
    # range): no legal text, threshold or entry changed
    working = json.loads(run_cli("diff", "2025.1", "working", "--json").stdout)
    assert [working[k] for k in ("added", "removed", "renumbered")] == [[], [], []]
    assert {ch["field"] for c in working["amended"] for ch in c["changes"]} <= {"parameters"}


def test_release_refuses_an_existing_version(tmp_path):
    result = run_cli("release", "2025.1", "--date", "2025-11-15")
    assert result.returncode == 2
    assert "release 2025.1 exists (releases/2025.1.json); releases are never overwritten" in result.stderr


def test_amending_reordering_and_removing_in_a_test_project(minimal_project):
    assert run_cli("-C", str(minimal_project), "release", "2025.1", "--date", "2025-12-31").returncode == 0
    yaml = minimal_project / "annexes/alpha/category-4.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("value: 34}", "value: 36}"), encoding="utf-8")
    changes = json.loads(run_cli("-C", str(minimal_project), "diff", "2025.1", "working", "--json").stdout)
    assert changes["added"] == [] and changes["removed"] == []
    [amended] = changes["amended"]
    assert amended["code"] == "4A906" and amended["fields"] == ["threshold"]


def test_a_tampered_snapshot_fails_the_build_naming_its_file(minimal_project):
    assert run_cli("-C", str(minimal_project), "release", "2025.1", "--date", "2025-12-31").returncode == 0
    snap = minimal_project / "releases/2025.1.json"
    snap.write_text(snap.read_text(encoding="utf-8").replace("Quantum computers", "Quantum kettles", 1), encoding="utf-8")
    out = minimal_project / "site"
    out.mkdir()
    (out / "keep.html").write_text("previous", encoding="utf-8")
    result = run_cli("-C", str(minimal_project), "build", "-d", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "releases/2025.1.json: release snapshot no longer matches its SHA-256" in result.stderr
    assert (out / "keep.html").read_text(encoding="utf-8") == "previous"


def test_the_site_names_the_release_it_shows(bundled_site):
    html = (bundled_site / "index.html").read_text(encoding="utf-8")
    # the annexes differ from release 2025.1 (parameter types and ranges added since), so the site
    # does not claim to be that release; it never names a release it is not
    assert "Current as of November 15, 2025 (unreleased working copy)." in html
    assert "Current as of release 2025.1" not in html
    for version in ("2024.1", "2025.1"):  # every release exported as released, for any point in time
        assert (bundled_site / f"data/releases/{version}.json").read_bytes() == (ROOT / f"releases/{version}.json").read_bytes()
    snap = json.loads((ROOT / "releases/2025.1.json").read_text(encoding="utf-8"))
    assert set(snap["translations"]) == {"fr", "de", "es", "zh", "ja", "ar"}  # coverage when released


LANGS = ["", "fr/", "de/", "es/", "zh/", "ja/", "ar/"]


def test_annual_summaries_2024_and_2025_in_every_language_each_chart_beside_its_table(bundled_site):
    from xml.etree import ElementTree as ET

    for prefix in LANGS:
        for year, added in ((2024, 11), (2025, 10)):
            page = (bundled_site / f"{prefix}annual/{year}/index.html").read_text(encoding="utf-8")
            pairs = page.split('<div class="annex-chart-pair">')[1:]
            assert len(pairs) == 2, (prefix, year)  # changes, translation coverage
            for pair in pairs:  # the figure and, beside it, a table with the same figures
                assert '<figure class="annex-chart">' in pair and "<table>" in pair
            src = re.findall(r'<img alt="([^"]+)" src="([^"]+\.svg)"', page)
            assert [s for _, s in src] == ["changes.svg", "coverage.svg"]
            for alt, svg in src:
                title = ET.parse(bundled_site / f"{prefix}annual/{year}" / svg).getroot().find("{http://www.w3.org/2000/svg}title").text
                assert title == html.unescape(alt)  # the chart's own title, in the page's language
            total = re.search(r"<strong>(\d+)</strong>", page)
            assert total and total.group(1) == str(added)
    fr = (bundled_site / "fr/annual/2025/index.html").read_text(encoding="utf-8")
    assert "Bilan annuel 2025" in fr and "Ajout : 10" in fr


def test_a_valid_atom_feed_per_language(bundled_site):
    from xml.etree import ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    ids = set()
    for prefix in LANGS:
        feed = ET.parse(bundled_site / f"{prefix}feed.xml").getroot()
        assert feed.tag == f"{atom}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == (prefix.strip("/") or "en")
        for required in ("id", "title", "updated", "author/" + atom + "name"):
            assert (feed.find(f"{atom}{required}").text or "").strip(), required
        entries = feed.findall(f"{atom}entry")
        assert len(entries) == 2
        for e in entries:  # RFC 4287: id, title, updated; a link or content; a summary here
            for required in ("id", "title", "updated", "summary"):
                assert (e.find(f"{atom}{required}").text or "").strip(), required
            href = e.find(f"{atom}link[@rel='alternate']").get("href")
            assert (bundled_site / prefix / href / "index.html").is_file()
            ids.add(e.find(f"{atom}id").text)
    assert len(ids) == 14  # one permanent id per release and language


def test_entry_pages_carry_their_history_and_reach_the_text_as_released(bundled_site):
    page = (bundled_site / "us-ear-quantum/4a906/index.html").read_text(encoding="utf-8")
    assert "Added in release 2024.1, September 6, 2024" in page
    old = (bundled_site / "releases/2024.1/us-ear-quantum/4a906/index.html").read_text(encoding="utf-8")
    assert "The text as of release 2024.1, September 6, 2024." in old and "Quantum computers" in old
    eu = (bundled_site / "eu-dual-use-quantum/4a506/index.html").read_text(encoding="utf-8")
    assert "Added in release 2025.1" in eu and "2024.1" not in eu
    home = (bundled_site / "index.html").read_text(encoding="utf-8")
    assert "What's new" in home and "Added: 10" in home
    data = json.loads((bundled_site / "data/changes.json").read_text(encoding="utf-8"))
    assert [(r["version"], r["counts"]["added"]) for r in data["releases"]] == [("2024.1", 11), ("2025.1", 10)]

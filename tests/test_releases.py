"""Releases: immutable snapshots with a hash, the semantic diff, and the release the site names."""

from __future__ import annotations

import json

from helpers import ROOT, run_cli


def test_bundled_history_2025_adds_exactly_the_eu_entries():
    result = run_cli("diff", "2024.1", "2025.1", "--json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)
    assert {c["annex"] for c in changes["added"]} == {"eu-dual-use-quantum"}
    assert len(changes["added"]) == 10 and changes["removed"] == [] and changes["amended"] == []
    assert run_cli("diff", "2025.1", "working").stdout.startswith("2025.1 -> working: 0 added, 0 removed, 0 renumbered, 0 amended")


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
    assert "Current as of release 2025.1, November 15, 2025." in html
    for version in ("2024.1", "2025.1"):  # every release exported as released, for any point in time
        assert (bundled_site / f"data/releases/{version}.json").read_bytes() == (ROOT / f"releases/{version}.json").read_bytes()
    snap = json.loads((ROOT / "releases/2025.1.json").read_text(encoding="utf-8"))
    assert set(snap["translations"]) == {"fr", "de", "es", "zh", "ja", "ar"}  # coverage when released

"""Translation coverage as the build publishes it: the numbers per language, annex and entry
(computed by :func:`annexsite.i18n.status.coverage`) and the questions the later stages ask of
them. A type of its own, below the stages that read it (render, site), so that they need not
import the i18n library that computes it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Coverage:
    data: dict
    term_owners: dict[str, str] = field(default_factory=dict)  # glossary term id -> its one annex

    def language(self, code: str) -> dict:
        return self.data["languages"][code]

    def published(self, code: str) -> bool:
        return self.data["languages"].get(code, {}).get("published", True)

    def withheld(self, code: str) -> frozenset[str]:
        """The annexes a published language shows in their source language, not translated."""
        lang = self.data["languages"].get(code)
        if lang is None:
            return frozenset()
        return frozenset(a for a, c in lang["annexes"].items() if not c["published"])

    def withheld_contexts(self, code: str) -> tuple[str, ...]:
        """Context prefixes of the content a language shows untranslated: its withheld annexes'
        texts and the glossary terms only they use."""
        annexes = self.withheld(code)
        terms = sorted(t for t, a in self.term_owners.items() if a in annexes)
        return tuple(sorted(f"{a}/" for a in annexes)) + tuple(f"glossary/{t}/" for t in terms)

"""Terminology checks of the translations: approved renderings of defined terms, and words that
bound a figure the way the English does.

- The glossary gives a defined term's approved rendering per language (``renderings`` in
  ``annexes/glossary.yaml``, e.g. Spanish "soporte lógico" for "software", as the EU's Spanish
  text says). A translation whose English uses the term must use that rendering; and a translation
  that uses the rendering where its English has no such term gives the defined term a meaning the
  English does not (Spanish "tecnología cuántica" for "quantum entries").
- Boundary words: "more than 48 hours" excludes 48, and Chinese or Japanese 以上 includes it;
  "below 4 K" excludes 4 K and 以下 includes it; "34 or more" and "at least" include the figure,
  which 超过 / 超える exclude. A translation using the word of the other operator is flagged.

``annexsite i18n update --check`` (run in CI) reports each finding as ``path:line:col: message``.
"""

from __future__ import annotations

import re
from pathlib import Path

from annexsite.diagnostics import Diagnostic, Location, relpath
from annexsite.localize.catalogs import DOMAINS, read_catalog


# English operator before (or "or more" after) a figure: ">" excludes the figure, ">=" includes it.
_EN_BEFORE = re.compile(r"\b(more than|greater than|exceeding|in excess of|above|over|less than|below|lower than|under|"
                        r"at least|not less than|at most|not more than|not exceeding)\s+(\d[\d.,]*)", re.I)
_EN_AFTER = re.compile(r"(\d[\d.,]*)\s*(?:[^\W\d]+\s+){0,2}?or (more|greater|higher|less|lower|fewer)\b", re.I)
_EN_OPS = {"more than": ">", "greater than": ">", "exceeding": ">", "in excess of": ">", "above": ">", "over": ">",
           "less than": "<", "below": "<", "lower than": "<", "under": "<", "at least": ">=", "not less than": ">=",
           "at most": "<=", "not more than": "<=", "not exceeding": "<=",
           "more": ">=", "greater": ">=", "higher": ">=", "less": "<=", "lower": "<=", "fewer": "<="}
# Chinese and Japanese words that bound a figure, checked longest first ("不超过" is not "超过").
_CJK_OPS = (("不超过", "<="), ("不少于", ">="), ("或以上", ">="), ("或以下", "<="), ("以上", ">="), ("以下", "<="),
            ("超过", ">"), ("高于", ">"), ("大于", ">"), ("を超え", ">"), ("超え", ">"), ("低于", "<"), ("小于", "<"),
            ("未満", "<"), ("不足", "<"), ("至少", ">="))
_WRITE = {">": "超过 / 高于 (zh), を超える (ja)", "<": "低于 / 小于 (zh), 未満 (ja)", ">=": "以上", "<=": "以下"}
_CJK = ("zh", "ja")


def _figure(number: str) -> re.Pattern:
    return re.compile(rf"(?<![\d.,]){re.escape(number.rstrip('.,'))}(?![\d]|[.,]\d)")


def _boundaries(source: str, string: str):
    """(English words, translated word, operator) for each figure bounded one way in the English
    and the other way in the translation (the translation's word within a few characters of the
    same figure)."""
    pairs = [(m.group(0), m.group(2), _EN_OPS[m.group(1).lower()]) for m in _EN_BEFORE.finditer(source)]
    pairs += [(m.group(0), m.group(1), _EN_OPS[m.group(2).lower()]) for m in _EN_AFTER.finditer(source)]
    for words, number, op in pairs:
        for hit in _figure(number).finditer(string):
            window = string[max(0, hit.start() - 4): hit.end() + 8]
            for word, theirs in _CJK_OPS:
                if word in window:
                    if theirs != op and theirs[0] == op[0]:  # same side, other edge: ">" vs ">="
                        yield words, word, op
                    break


def _english(term: str) -> re.Pattern:
    """A term and its plural, as whole words ("technology", "technologies")."""
    stem = re.escape(term)
    plural = stem[:-1] + "(?:y|ies)" if term.endswith("y") else stem + "(?:s|es)?"
    return re.compile(rf"(?<![\w-]){plural}(?![\w-])", re.I)


def _words_of(term: str, source: str) -> bool:
    """Every word of a term of several words in the English, however split up ("fundamental or
    basic research" speaks of fundamental research): a translation may then name the term."""
    words = term.split()
    return len(words) > 1 and all(re.search(rf"(?<![\w-]){re.escape(w)}", source, re.I) for w in words)


def _texts(message) -> tuple[str, str]:
    source = message.id if isinstance(message.id, str) else " ".join(message.id)
    string = message.string if isinstance(message.string, str) else " ".join(s for s in message.string if s)
    return source, string


def check_terms(paths, glossary) -> list[Diagnostic]:
    """Every finding of the checks above in the PO files of every language."""
    found: list[Diagnostic] = []
    base = Path(paths["locales"])
    terms = [(t, [_english(str(t.term))] + [_english(a) for a in t.aliases]) for t in glossary.terms if t.renderings]
    for lang_dir in sorted(p for p in base.iterdir() if (p / "LC_MESSAGES").is_dir()) if base.is_dir() else ():
        lang = lang_dir.name
        for domain in DOMAINS:
            po = lang_dir / "LC_MESSAGES" / f"{domain}.po"
            if not po.is_file():
                continue
            catalog = read_catalog(po, paths.root, lang.replace("-", "_"))  # a broken file: located, as everywhere
            name = relpath(po, paths.root)
            for message in catalog:
                if not message.id or not message.string or message.fuzzy:
                    continue
                source, string = _texts(message)
                if not string.strip():
                    continue
                where = Location(name, message.lineno or 0, 1)
                for term, patterns in terms:
                    approved = term.rendering(lang)
                    if not approved:
                        continue
                    in_source = any(p.search(source) for p in patterns)
                    in_translation = any(r.casefold() in string.casefold() for r in approved)
                    shown = " / ".join(f'"{r}"' for r in approved)
                    if in_source and not in_translation:
                        found.append(Diagnostic(where, f'the English uses the defined term "{term.term}" but the {lang} '
                                                       f"translation lacks its approved rendering {shown}",
                                                "annexes/glossary.yaml, renderings"))
                    elif in_translation and not in_source and domain != "legal" and not _words_of(str(term.term), source):
                        found.append(Diagnostic(where, f'the {lang} translation uses {shown}, the rendering of the defined '
                                                       f'term "{term.term}", where the English has no such term',
                                                "say what the English says"))
                if lang in _CJK:
                    for words, word, op in _boundaries(source, string):
                        found.append(Diagnostic(where, f'the English says "{words}" but the {lang} translation says '
                                                       f'"{word}", which bounds the figure the other way', f"write {_WRITE[op]}"))
    return sorted(found)

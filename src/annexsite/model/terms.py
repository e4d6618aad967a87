"""Quoted defined terms in legal text.

Control lists mark defined terms with quotation marks: double quotes (“technology”,
"software") for list-wide definitions, single quotes ('physical qubits') for terms an
entry defines in its own technical notes.
"""

from __future__ import annotations

import re

DOUBLE_QUOTED = re.compile(r"[“\"]([^”\"\n]{1,80})[”\"]")
SINGLE_QUOTED = re.compile(r"(?<![\w])[‘']([^’'\n]{1,60})[’'](?![\w])")


def quoted_terms(text: str, *, single: bool = True) -> list[tuple[int, int, str, bool]]:
    """Every quoted span of ``text`` as (start, end, inner text, is_double), in order.

    A trailing comma or full stop inside the quotes (“electronic assemblies,”) is not part of
    the term.
    """
    found: list[tuple[int, int, str, bool]] = []
    for m in DOUBLE_QUOTED.finditer(text):
        found.append((m.start(), m.end(), m.group(1), True))
    if single:
        taken = [(s, e) for s, e, _, _ in found]
        for m in SINGLE_QUOTED.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), m.group(1), False))
    found.sort()
    return found


def term_key(term: str) -> str:
    """Normalised form used to match a quoted term against the glossary."""
    return term.strip().rstrip(",.;:").strip().casefold()

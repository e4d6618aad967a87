"""A diagram of a whole decision tree as static SVG, in the reader's language.

An outline: each node on its own row under the answer that leads to it, joined to its question
by a line; a node reached a second time is named, not drawn again. The printable page of all
paths is its text alternative.
"""

from __future__ import annotations

from annexsite.render.escape import svg_text as escape

ROW, INDENT, WIDTH, MAX_CHARS = 30, 26, 1100, 110
COLOURS = {"controlled": "#b71c1c", "licence-may-be-needed": "#e65100", "ask-office": "#4a148c",
           "not-subject": "#1b5e20", "not-listed": "#1b5e20",
           "candidates": "#0d47a1"}


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def tree_svg(tree, label, answer_label, title: str, verdict_label) -> str:
    """``label(value)`` translates a text; ``answer_label(answer)`` writes an answer;
    ``verdict_label(verdict)`` names a verdict."""
    rows: list[tuple[int, str, str, str, int | None]] = []  # depth, answer, text, verdict, parent row
    drawn: set[str] = set()

    def visit(node_id: str, depth: int, answer: str, parent: int | None):
        node = tree.node(node_id)
        if node_id in drawn:
            rows.append((depth, answer, "→ " + _clip(label(node.title or node.question)), "", parent))
            return
        drawn.add(node_id)
        text = f"{verdict_label(node.verdict)}: {label(node.title)}" if node.is_outcome else label(node.question)
        rows.append((depth, answer, _clip(text), node.verdict, parent))
        me = len(rows) - 1
        for a in node.answers:
            visit(a.next, depth + 1, answer_label(a), me)

    visit(tree.start, 0, "", None)
    height = ROW * len(rows) + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" font-family="system-ui, sans-serif" font-size="13">',
           f"<title>{escape(title)}</title>"]
    for i, (depth, answer, text, verdict, parent) in enumerate(rows):
        x, y = 10 + depth * INDENT, 20 + i * ROW
        if parent is not None:
            px, py = 10 + rows[parent][0] * INDENT + 6, 20 + parent * ROW + 4
            out.append(f'<path d="M{px} {py} V{y - 4} H{x - 2}" fill="none" stroke="#9e9e9e"/>')
        label_x = x
        if answer:
            out.append(f'<text x="{x}" y="{y}" fill="#616161">{escape(_clip(answer))}</text>')
            label_x = x + 8 + 7 * min(len(answer), 40)
        colour = COLOURS.get(verdict, "#212121")
        weight = ' font-weight="bold"' if verdict else ""
        out.append(f'<text x="{label_x}" y="{y}" fill="{colour}"{weight}>{escape(text)}</text>')
    out.append("</svg>\n")
    return "\n".join(out)

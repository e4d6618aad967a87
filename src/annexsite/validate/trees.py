"""Decision trees: every node reachable, every path ends in an outcome, no cycles, no dangling
answer, every citation resolves to an entry or a rule. Each problem at its file:line."""

from __future__ import annotations

from annexsite.diagnostics import Diagnostic
from annexsite.load.yamlfile import RawDocument


RESERVED = {"index", "all", "diagram"}  # /trees/<id>/, its printable page and its diagram


def check_rules(doc: RawDocument) -> tuple[set[str], list[Diagnostic]]:
    problems, seen = [], {}
    for i, rule in enumerate(doc.data["rules"]):
        if rule["id"] in seen:
            problems.append(Diagnostic(doc.location(("rules", i, "id")),
                                       f"duplicate rule id {rule['id']!r} (first at {seen[rule['id']]})"))
            continue
        seen[rule["id"]] = doc.location(("rules", i, "id"))
    return set(seen), problems


def check_tree(doc: RawDocument, entry_exists, rule_ids: set[str] | None) -> list[Diagnostic]:
    """``entry_exists(annex, code)`` is True, False, or None when that annex cannot be judged;
    ``rule_ids`` is None when rules.yaml is missing or broken (rule citations are then not judged,
    except that a tree citing rules needs the file)."""
    problems: list[Diagnostic] = []

    def error(path, message, hint=""):
        problems.append(Diagnostic(doc.location(path), message, hint))

    tree = doc.data
    stem = doc.path.stem
    if tree["id"] != stem:
        error(("id",), f"tree id {tree['id']!r} does not match its file name {doc.path.name}", "rename one so they agree")
    nodes: dict[str, int] = {}
    for i, node in enumerate(tree["nodes"]):
        if node["id"] in RESERVED:
            error(("nodes", i, "id"), f"node id {node['id']!r} is reserved for the tree's own pages", "choose another id")
        if node["id"] in nodes:
            error(("nodes", i, "id"), f"duplicate node id {node['id']!r} (first at {doc.location(('nodes', nodes[node['id']], 'id'))})")
            continue
        nodes[node["id"]] = i
    if tree["start"] not in nodes:
        error(("start",), f"start node {tree['start']!r} does not exist", "name the id of the first question")
    for i, node in enumerate(tree["nodes"]):
        for j, answer in enumerate(node.get("answers", ())):
            if answer["next"] not in nodes:
                error(("nodes", i, "answers", j, "next"), f"answer {answer['label']!r} leads to {answer['next']!r}, which is not a node of this tree",
                      "every answer's next must be the id of a question or an outcome")
        for j, cite in enumerate(node.get("cites", ())):
            path = ("nodes", i, "cites", j)
            if "entry" in cite:
                annex, _, code = cite["entry"].partition("/")
                if entry_exists(annex, code) is False:
                    error(path + ("entry",), f"cited entry {cite['entry']} does not exist", "cite <annex-id>/<code> of an entry in annexes/")
            elif rule_ids is None:
                error(path + ("rule",), f"cited rule {cite['rule']!r} cannot be checked: annexes/trees/rules.yaml is missing or invalid")
            elif cite["rule"] not in rule_ids:
                error(path + ("rule",), f"cited rule {cite['rule']!r} is not defined", "add it to annexes/trees/rules.yaml")
    if tree["start"] not in nodes:
        return problems

    # depth-first from the start: cycles (an answer leading back up the current path) and reachability
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    stack = [(tree["start"], iter(enumerate(tree["nodes"][nodes[tree["start"]]].get("answers", ()))))]
    state[tree["start"]] = 1
    while stack:
        node_id, answers = stack[-1]
        step = next(answers, None)
        if step is None:
            state[node_id] = 2
            stack.pop()
            continue
        j, answer = step
        target = answer["next"]
        if target not in nodes:
            continue
        if state.get(target) == 1:
            error(("nodes", nodes[node_id], "answers", j, "next"),
                  f"answer {answer['label']!r} leads back to {target!r}: the tree has a cycle",
                  "every path must end in an outcome; point the answer to a new node")
        elif target not in state:
            state[target] = 1
            stack.append((target, iter(enumerate(tree["nodes"][nodes[target]].get("answers", ())))))
    for node_id, i in nodes.items():
        if node_id not in state:
            error(("nodes", i, "id"), f"node {node_id!r} cannot be reached from the start {tree['start']!r}",
                  "let an answer lead to it, or remove it")
    if not problems:  # acyclic, every answer leads to a node: count the paths without listing them
        count, depth = _path_count(tree, nodes)
        if count > MAX_PATHS:
            error(("start",), f"the tree has {count:,} paths from its start to an outcome; the limit is {MAX_PATHS:,}",
                  "answers that lead back to a shared question multiply the paths; split the tree into several guides")
        elif depth > MAX_DEPTH:
            error(("start",), f"the tree's longest path asks {depth:,} questions; the limit is {MAX_DEPTH:,}",
                  "split the tree into several guides")
    return problems


# The tree's "all paths" page lists every path from the start to an outcome: answers that re-join
# multiply them (40 yes/no steps that re-join give 2^40). Beyond this, validation refuses the tree.
MAX_PATHS = 1_000
# Questions on the longest path: the pages and the diagram walk a path step by step.
MAX_DEPTH = 200


def _path_count(tree: dict, nodes: dict[str, int]) -> tuple[int, int]:
    """(paths from the start to an outcome, questions on the longest one), without listing them."""
    counts: dict[str, int] = {}
    depths: dict[str, int] = {}

    def count(node_id: str) -> int:  # iterative post-order: a deep tree does not hit the recursion limit
        stack = [node_id]
        while stack:
            current = stack[-1]
            nexts = [a["next"] for a in tree["nodes"][nodes[current]].get("answers", ())]
            todo = [n for n in nexts if n not in counts]
            if todo:
                stack.extend(todo)
                continue
            stack.pop()
            counts[current] = sum(counts[n] for n in nexts) if nexts else 1
            depths[current] = 1 + max(depths[n] for n in nexts) if nexts else 0
        return counts[node_id]

    return count(tree["start"]), depths[tree["start"]]

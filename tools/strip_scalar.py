"""Strip the scalar evaluation code out of src/wenjiuye_cli/measures/*.py, keeping the metadata.

Keeps: docstring, imports, top-level assignments (facts, MESSAGES, MEASURE, constants) and every function or
class they reference, or that a module outside measures/ imports. Drops the rest (evaluate and its helpers).
Removes ``evaluate=evaluate`` from MEASURE. Run ruff --fix afterwards for the imports.

usage: python strip_scalar.py ROOT [--dry]
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
dry = "--dry" in sys.argv
pkg = root / "src/wenjiuye_cli/measures"

# names imported from measures modules by anyone outside measures/
external: dict[str, set[str]] = {}
for path in [*root.joinpath("src").rglob("*.py"), *root.joinpath("benchmarks").rglob("*.py")]:
    if pkg in path.parents:
        continue
    try:
        tree = ast.parse(path.read_text())
    except SyntaxError:
        continue
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wenjiuye_cli.measures."):
            mod = node.module.rsplit(".", 1)[1]
            external.setdefault(mod, set()).update(a.name for a in node.names)

# names imported between measures modules are resolved by iterating to a fixpoint
sources = {p.stem: p.read_text() for p in pkg.glob("*.py") if p.stem != "__init__"}
trees = {m: ast.parse(s) for m, s in sources.items()}
# line spans of every ``evaluate=...`` keyword (dropped from MEASURE), then the keyword itself
evaluate_spans: dict[str, list[tuple[int, int]]] = {m: [] for m in trees}
for m, t in trees.items():
    for n in ast.walk(t):
        if isinstance(n, ast.Call):
            for k in n.keywords:
                if k.arg == "evaluate":
                    evaluate_spans[m].append((k.value.lineno, k.value.end_lineno or k.value.lineno))
            n.keywords = [k for k in n.keywords if k.arg != "evaluate"]


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def defined(node: ast.stmt) -> str | None:
    if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
        return node.name
    return None


def is_scalar_function(node: ast.AST) -> bool:
    """A function that takes an Evaluation (``ev``): the scalar rule's code."""
    if not isinstance(node, ast.FunctionDef):
        return False
    args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    return any(a.annotation is not None and "Evaluation" in ast.unparse(a.annotation) for a in args)


def scalar_assignment(mod: str, node: ast.stmt) -> bool:
    """An assignment (a dispatch table, say) that refers to a scalar function of its module."""
    scalar = {n.name for n in trees[mod].body if is_scalar_function(n)}
    targets = {t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)}
    if targets & set(external.get(mod, ())):
        return False
    return bool(names_in(node) & scalar)


wanted = {m: set(external.get(m, ())) for m in trees}
keep: dict[str, set[str]] = {m: set() for m in trees}
changed = True
while changed:
    changed = False
    for mod, tree in trees.items():
        defs = {defined(n): n for n in tree.body if defined(n)}
        roots: set[str] = set(wanted[mod])
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.If) and not scalar_assignment(mod, node):
                roots |= names_in(node)
        # transitive closure within the module
        todo = [n for n in roots if n in defs]
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            node = defs[name]
            body_names = names_in(node)
            if isinstance(node, ast.ClassDef):
                pass
            todo += [n for n in body_names if n in defs and n not in seen]
            roots |= body_names
        if seen - keep[mod]:
            keep[mod] |= seen
            changed = True
        # names this module's kept code imports from sibling measures modules
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wenjiuye_cli.measures."):
                other = node.module.rsplit(".", 1)[1]
                used = {a.asname or a.name: a.name for a in node.names}
                need = {orig for alias, orig in used.items() if alias in roots}
                if other in wanted and need - wanted[other]:
                    wanted[other] |= need
                    changed = True

for mod, tree in trees.items():
    lines = sources[mod].splitlines(keepends=True)
    drop = [False] * len(lines)
    for node in tree.body:
        name = defined(node)
        if name is None and scalar_assignment(mod, node):
            print(f"  {mod}: drop assignment {ast.unparse(node)[:80]}")
        elif name is None or name in keep[mod]:
            continue
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]) - 1
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        for i in range(start, node.end_lineno or node.lineno):
            drop[i] = True
    for first, last in evaluate_spans[mod]:
        assert lines[first - 1].lstrip().startswith("evaluate="), (mod, lines[first - 1])
        for i in range(first - 1, last):
            drop[i] = True
    text = "".join(line for line, d in zip(lines, drop, strict=True) if not d)
    text = re.sub(r"\n{4,}", "\n\n\n", text)
    dropped = [defined(n) for n in tree.body if defined(n) and defined(n) not in keep[mod]]
    print(f"{mod}: keep {sorted(keep[mod])} drop {dropped}")
    if not dry:
        (pkg / f"{mod}.py").write_text(text)

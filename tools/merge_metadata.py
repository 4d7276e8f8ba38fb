"""Move each (already stripped) measures/<m>.py's metadata into rules/<m>.py, then delete measures/.

rules/<m>.py keeps its own docstring first; the metadata module's imports join the rule's, its body (facts,
messages, MEASURE) goes before the rule's body. Helper modules (measures/_h.py) go into rules/_h.py (created
when absent). Imports of ``wenjiuye_cli.measures.`` anywhere become ``wenjiuye_cli.rules.``.

usage: python merge_metadata.py ROOT
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
measures = root / "src/wenjiuye_cli/measures"
rules = root / "src/wenjiuye_cli/rules"


def split(text: str) -> tuple[str, list[str], str]:
    """(docstring source, import statements' source, the rest)"""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    doc = ""
    body = list(tree.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        doc = "".join(lines[: body[0].end_lineno])
        body = body[1:]
    imports: list[str] = []
    rest_start = None
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            imports.append("".join(lines[node.lineno - 1 : node.end_lineno]))
            continue
        rest_start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]) - 1
        # include comment lines directly above
        while rest_start > 0 and lines[rest_start - 1].lstrip().startswith("#"):
            rest_start -= 1
        break
    rest = "".join(lines[rest_start:]) if rest_start is not None else ""
    return doc, imports, rest


def defined_names(text: str) -> set[str]:
    out: set[str] = set()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            out.add(node.name)
        elif isinstance(node, ast.Assign):
            out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.add(node.target.id)
    return out


for meta_path in sorted(measures.glob("*.py")):
    mod = meta_path.stem
    if mod == "__init__":
        continue
    meta = meta_path.read_text()
    target = rules / f"{mod}.py"
    m_doc, m_imports, m_rest = split(meta)
    if target.exists():
        rule = target.read_text()
        r_doc, r_imports, r_rest = split(rule)
        clash = defined_names(m_rest) & defined_names(r_rest)
        if clash:
            print(f"!! {mod}: both define {sorted(clash)}")
        own = f"wenjiuye_cli.measures.{mod} import"
        r_imports = [i for i in r_imports if own not in i]
        doc = r_doc
    else:
        r_imports, r_rest, doc = [], "", m_doc
    # the metadata's imports, cut to the names its remaining body uses; wenjiuye_cli.facts.fact (a fact's
    # declaration) is imported as fact_spec where the rule uses columnar.expr.fact (a fact's column)
    used = {n.id for n in ast.walk(ast.parse(m_rest)) if isinstance(n, ast.Name)} | {
        n.value.id for n in ast.walk(ast.parse(m_rest)) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }
    rule_names = {n.id for n in ast.walk(ast.parse(r_rest or "pass")) if isinstance(n, ast.Name)}
    kept_imports = []
    for i in m_imports:
        node = ast.parse(i).body[0]
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            node.names = [a for a in node.names if (a.asname or a.name) in used]
            if not node.names:
                continue
            if node.module == "wenjiuye_cli.facts" and any(a.name == "fact" and a.asname is None for a in node.names) and "fact" in rule_names:
                for a in node.names:
                    if a.name == "fact" and a.asname is None:
                        a.asname = "fact_spec"
                m_rest = re.sub(r"\bfact\(", "fact_spec(", m_rest)
            kept_imports.append(ast.unparse(node) + "\n")
        elif isinstance(node, ast.Import):
            node.names = [a for a in node.names if (a.asname or a.name).split(".")[0] in used]
            if node.names:
                kept_imports.append(ast.unparse(node) + "\n")
    m_imports = kept_imports
    imports = [i for i in r_imports + m_imports if "from __future__" not in i]
    # imports of this very module (a helper importing from its own rules twin)
    imports = [i for i in imports if f"wenjiuye_cli.rules.{mod} import" not in i and f"wenjiuye_cli.measures.{mod} import" not in i]
    text = doc + "\nfrom __future__ import annotations\n\n" + "".join(imports) + "\n\n" + m_rest.rstrip() + "\n"
    if r_rest:
        text += "\n\n" + r_rest
    target.write_text(text)
    meta_path.unlink()
    print(f"{mod}: merged into rules/{mod}.py")

(measures / "__init__.py").unlink()
measures.rmdir()

for path in [*root.joinpath("src").rglob("*.py"), *root.joinpath("tests").rglob("*.py"), *root.joinpath("benchmarks").rglob("*.py"), *root.joinpath("examples").rglob("*.py")]:
    text = path.read_text()
    new = re.sub(r"wenjiuye_cli\.measures\b", "wenjiuye_cli.rules", text)
    new = new.replace("from wenjiuye_cli import measures as _measures_pkg", "from wenjiuye_cli import rules as _measures_pkg")
    if new != text:
        path.write_text(new)

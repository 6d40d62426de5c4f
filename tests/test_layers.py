"""The layers import one way: ingest -> nlp -> store -> kb -> web/cli. A lower layer never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
ORDER = ["ingest", "nlp", "store", "kb", "web", "cli"]
# Modules outside the layers (errors, data, schema, geo, output, runner) are shared and not checked here.


def layer_of(module: str) -> str | None:
    part = module.split(".")[1] if module.startswith("newsgraph.") and "." in module else None
    return part if part in ORDER else None


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_layer_imports_a_higher_one():
    violations = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        own = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        if own not in ORDER:
            continue
        for module in imports_of(path):
            other = layer_of(module)
            if other and ORDER.index(other) > ORDER.index(own):
                violations.append(f"{relative} imports {module}")
    assert not violations, violations

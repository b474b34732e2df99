"""The frontend's module graph: no import cycles, nothing imports the entry, every import resolves."""

import re
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"
JS = FRONTEND / "js"
ENTRY = "app.js"

# `import … from "x"`, `import "x"`, `export … from "x"` (possibly over several lines) and `import("x")`.
STATIC = re.compile(r"""^\s*(?:import|export)\s+(?:[^;'"`]*?\bfrom\s*)?["']([^"']+)["']""", re.MULTILINE)
DYNAMIC = re.compile(r"""\bimport\s*\(\s*(?:["']([^"']+)["']\s*\)|([^)]*)\))""")
COMMENT_LINE = re.compile(r"^\s*(?://|/\*|\*).*$", re.MULTILINE)


def imports_of(source: str) -> tuple[list[str], list[str], list[str]]:
    """(static specifiers, dynamic specifiers, dynamic imports that are not a string literal)."""
    code = COMMENT_LINE.sub("", source)
    static = STATIC.findall(code)
    dynamic = [literal for literal, _ in DYNAMIC.findall(code) if literal]
    opaque = [expr.strip() for literal, expr in DYNAMIC.findall(code) if not literal]
    return static, dynamic, opaque


def resolve(module: str, specifier: str) -> str | None:
    """The imported file's name relative to frontend/js, or None for a specifier that is not a local file."""
    if specifier.startswith("/js/"):
        path = PurePosixPath(specifier.removeprefix("/js/"))
    elif specifier.startswith(("./", "../")):
        path = PurePosixPath(module).parent / specifier
    else:
        return None
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, …, a], or None when the graph is acyclic (depth-first, three colours)."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt in on_path:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in done and (cycle := visit(nxt)):
                return cycle
        on_path.discard(path.pop())
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def module_graph() -> tuple[dict[str, set[str]], dict[str, set[str]], list[str]]:
    """(all imports, dynamic imports only, problems) for every module under frontend/js."""
    graph: dict[str, set[str]] = {}
    dynamic_graph: dict[str, set[str]] = {}
    problems: list[str] = []
    for file in sorted(JS.rglob("*.js")):
        module = file.relative_to(JS).as_posix()
        static, dynamic, opaque = imports_of(file.read_text(encoding="utf-8"))
        graph[module], dynamic_graph[module] = set(), set()
        problems += [
            f"{module}: import({expr}) is not a string literal, the graph cannot be checked"
            for expr in opaque
        ]
        for specifier, lazy in [(s, False) for s in static] + [(s, True) for s in dynamic]:
            target = resolve(module, specifier)
            if target is None:
                problems.append(f"{module}: {specifier!r} is not a local module (no CDN, no bare names)")
            elif not (JS / target).is_file():
                problems.append(f"{module}: {specifier!r} points to a file that does not exist")
            else:
                graph[module].add(target)
                if lazy:
                    dynamic_graph[module].add(target)
    return graph, dynamic_graph, problems


# The checks on the real frontend.


def test_every_import_resolves():
    graph, _, problems = module_graph()
    assert len(graph) >= 10, "the frontend's modules were not found"
    assert not problems, "\n".join(problems)


def test_no_import_cycles():
    graph, _, _ = module_graph()
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_nothing_imports_the_entry():
    graph, _, _ = module_graph()
    importers = sorted(module for module, targets in graph.items() if ENTRY in targets)
    assert not importers, f"{ENTRY} is the entry; move what these need into a shared module: {importers}"


def test_views_do_not_import_each_other():
    """The screens app.js loads on demand stay independent: only the entry imports them."""
    graph, dynamic_graph, _ = module_graph()
    views = dynamic_graph[ENTRY]
    assert views, f"{ENTRY} loads no view on demand"
    wrong = sorted(
        f"{module} → {view}"
        for module, targets in graph.items()
        if module != ENTRY
        for view in targets & views
    )
    assert not wrong, "views are imported only by the entry: " + ", ".join(wrong)


# The views a cold load opens (the inbox, and an editor opened from a link or bookmark): index.html
# preloads their modules; the other views app.js fetches once the first screen is idle.
PRELOADED_VIEWS = {"inbox.js", "editor.js"}


def static_closure(static: dict[str, set[str]], start: str) -> set[str]:
    """`start` and every module its static imports reach (what the browser must fetch before it runs)."""
    seen, todo = {start}, [start]
    while todo:
        for target in static[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def preload_list(html: str) -> tuple[list[str], list[str]]:
    """(module script entries, modulepreload targets) of index.html, relative to frontend/js."""
    entry = re.findall(r'<script type="module" src="js/([^"]+)"', html)
    return entry, re.findall(r'<link rel="modulepreload" href="js/([^"]+)"', html)


def test_index_preloads_exactly_what_a_cold_load_runs():
    """The entry's and the preloaded views' whole static graphs come in one parallel wave from
    index.html, not one import level at a time; modules of the other views are not in that wave."""
    graph, dynamic_graph, _ = module_graph()
    entry, preloaded = preload_list((FRONTEND / "index.html").read_text(encoding="utf-8"))
    assert entry == [ENTRY]
    assert dynamic_graph[ENTRY] >= PRELOADED_VIEWS, "the preloaded views are views app.js loads"
    static = {module: targets - dynamic_graph[module] for module, targets in graph.items()}
    wanted = set().union(*(static_closure(static, start) for start in {ENTRY, *PRELOADED_VIEWS}))
    assert len(preloaded) == len(set(preloaded)), "a module preloaded twice"
    assert sorted(wanted - set(preloaded) - {ENTRY}) == [], (
        "modules a cold load runs but index.html does not preload"
    )
    assert sorted(set(preloaded) - wanted) == [], "preloads no cold load runs (fetched when idle instead)"


def test_static_closure_follows_every_level():
    static = {"app.js": {"a.js"}, "a.js": {"b.js", "c.js"}, "b.js": {"c.js"}, "c.js": set(), "v.js": {"c.js"}}
    assert static_closure(static, "app.js") == {"app.js", "a.js", "b.js", "c.js"}
    assert static_closure(static, "v.js") == {"v.js", "c.js"}


# The checker itself, on small made-up inputs: it must really find what it is looking for.


def test_find_cycle_names_the_cycle():
    graph = {"app.js": {"a.js"}, "a.js": {"b.js", "d.js"}, "b.js": {"c.js"}, "c.js": {"a.js"}, "d.js": set()}
    assert find_cycle(graph) == ["a.js", "b.js", "c.js", "a.js"]
    assert find_cycle({"a.js": {"a.js"}}) == ["a.js", "a.js"]
    assert find_cycle({"a.js": {"b.js"}, "b.js": {"a.js"}}) == ["a.js", "b.js", "a.js"]


def test_find_cycle_accepts_shared_modules():
    diamond = {"app.js": {"a.js", "b.js"}, "a.js": {"shared.js"}, "b.js": {"shared.js"}, "shared.js": set()}
    assert find_cycle(diamond) is None
    assert find_cycle({}) is None


def test_imports_of_reads_every_form():
    source = """// A comment: import { x } from "./commented.js";
import { api } from "./api.js";
import {
  h,
  replace,
} from './dom.js';
import "./side.js";
import * as fmt from "./format.js";
export { thing } from "./reexport.js";
export const NAME = "not an import";
const from = 1;
async function load(name) {
  const view = await import("./view.js");
  return import(`./${name}.js`);
}
"""
    static, dynamic, opaque = imports_of(source)
    assert static == ["./api.js", "./dom.js", "./side.js", "./format.js", "./reexport.js"]
    assert dynamic == ["./view.js"]
    assert opaque == ["`./${name}.js`"]


@pytest.mark.parametrize(
    ("module", "specifier", "expected"),
    [
        ("app.js", "./post.js", "post.js"),
        ("views/post.js", "../session.js", "session.js"),
        ("app.js", "/js/api.js", "api.js"),
        ("app.js", "../../etc/passwd", None),
        ("app.js", "https://cdn.example/lib.js", None),
        ("app.js", "lodash", None),
    ],
)
def test_resolve(module, specifier, expected):
    assert resolve(module, specifier) == expected

"""Print (or with --write, update in README.md) the table of every WERKBANK_* setting."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def table() -> str:
    from app.config import Settings

    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = field.default
        shown = "—" if default is None or default == "" else f"`{default}`"
        if name.endswith(("_key", "_password")) and default:
            shown = "(set)"
        rows.append(f"| `WERKBANK_{name.upper()}` | {shown} | {field.description or ''} |")
    return "\n".join(rows)


def write() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    write() if "--write" in sys.argv else print(table())

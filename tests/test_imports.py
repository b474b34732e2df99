"""Importing any app module has no side effects: no files, no threads, no connections."""

import json
import os
import subprocess
import sys

from testkit.live import ROOT

# Runs in a fresh interpreter so nothing imported by pytest or earlier tests hides a side effect.
PROBE = """
import importlib, json, os, pkgutil, threading

import app

names = sorted(
    m.name for m in pkgutil.walk_packages(app.__path__, "app.") if not m.name.endswith(".__main__")
)
for name in names:
    importlib.import_module(name)

def sockets():
    if not os.path.isdir("/proc/self/fd"):
        return []
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:"):
            found.append(target)
    return found

print(json.dumps({
    "modules": names,
    "threads": [t.name for t in threading.enumerate()],
    "sockets": sockets(),
    "cwd": sorted(os.listdir(".")),
}))
"""


def test_importing_every_module_creates_no_files_threads_or_connections(tmp_path):
    data_dir = tmp_path / "not-there"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKBANK_")}
    env.update(WERKBANK_DATA_DIR=str(data_dir), PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert {"app.main", "app.queue", "app.drafting.tasks", "app.worker", "app.cli.commands"} <= set(
        seen["modules"]
    )
    assert not data_dir.exists(), sorted(p.name for p in data_dir.iterdir())
    assert seen["cwd"] == []
    assert seen["threads"] == ["MainThread"]
    assert seen["sockets"] == []

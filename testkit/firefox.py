"""Debian's Firefox ESR, headless, driven through its built-in Marionette server (no geckodriver)."""

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
# Quiet, offline-friendly profile: no update, telemetry or captive-portal traffic; any free port.
PREFS = {
    "marionette.port": 0,
    "browser.shell.checkDefaultBrowser": False,
    "app.update.disabledForTesting": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "extensions.update.enabled": False,
}


def _pref(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else repr(value).replace("'", '"')


@contextmanager
def firefox(profile: Path) -> Iterator[object]:
    """A Marionette session on a fresh headless Firefox; closed afterwards."""
    from marionette_driver.marionette import Marionette

    profile.mkdir(parents=True, exist_ok=True)
    (profile / "user.js").write_text(
        "".join(f'user_pref("{k}", {_pref(v)});\n' for k, v in PREFS.items()), encoding="utf-8"
    )
    proc = subprocess.Popen(
        [FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", str(profile)],
        env={"HOME": str(profile), "MOZ_HEADLESS": "1", "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "MarionetteActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Firefox did not start its Marionette server")
            time.sleep(0.2)
        client = Marionette(host="127.0.0.1", port=int(port_file.read_text()))
        client.start_session()
        client.set_window_rect(width=1280, height=900)
        try:
            yield client
        finally:
            client.delete_session()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_for(check, timeout: float = 10.0, what: str = "condition"):  # noqa: ANN001, ANN201
    """Poll until `check()` is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")

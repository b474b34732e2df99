"""/api/health tells the site's time zone, which the browser UI shows and enters times in."""


def test_health_names_the_default_zone(anon):
    body = anon.get("/api/health").json()
    assert body["timezone"] == "Europe/Berlin"
    assert body["status"] == "ok" and body["database"] == "ok" and body["version"]


def test_health_names_the_configured_zone(anon, monkeypatch):
    from app.config import get_settings

    monkeypatch.setenv("WERKBANK_TIMEZONE", "America/New_York")
    get_settings.cache_clear()
    assert anon.get("/api/health").json()["timezone"] == "America/New_York"

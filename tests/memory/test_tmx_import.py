"""TMX 1.4b into the memory: over the API and the CLI, one transaction, clear codes for bad files."""

import uuid

from testkit.live import cli_env, run_cli
from tests.memory.conftest import approve_all


def tmx(*units: str, srclang: str = "en-US") -> bytes:
    body = "".join(units)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x"
 adminlang="en" srclang="{srclang}" datatype="plaintext"/><body>{body}</body></tmx>""".encode()


def tu(
    source: str, german: str | None, lang: str = "en-US", when: str = "20220110T090000Z", who: str = "anna"
) -> str:
    de = f'<tuv xml:lang="de-DE"><seg>{german}</seg></tuv>' if german is not None else ""
    return (
        f'<tu changedate="{when}" changeid="{who}"><tuv xml:lang="{lang}"><seg>{source}</seg></tuv>{de}</tu>'
    )


def _post(client, data: bytes):
    return client.post("/api/tm/import", content=data, headers={"Content-Type": "application/xml"})


def _probe(client, text: str, lang: str = "en") -> list[dict]:
    doc = client.post(
        "/api/documents", json={"text": f"Probe {uuid.uuid4().hex[:6]}\n\n{text}", "source_lang": lang}
    ).json()
    return client.get(f"/api/segments/{doc['segments'][1]['id']}/matches").json()


def test_import_makes_units_that_match_and_a_second_import_adds_nothing(editor, translator):
    data = tmx(
        tu(
            "The foreign ministers met in Ankara on <ph x='1'>&lt;b&gt;</ph>Thursday to discuss the grain deal.",
            "Die Außenminister trafen sich am Donnerstag in Ankara, um über das Getreideabkommen zu sprechen.",
        ),
        tu(
            "Переговоры в Женеве продолжатся в понедельник утром.",
            "Die Gespräche in Genf gehen am Montagmorgen weiter.",
            lang="ru-RU",
        ),
        tu("A unit without German.", None),
        tu("Ein deutscher Satz.", "Ein deutscher Satz.", lang="de-DE"),
    )
    r = _post(editor, data)
    assert r.status_code == 200, r.text
    assert r.json() == {"units": 2, "skipped": 2, "languages": {"en": 1, "ru": 1}}
    got = _probe(translator, "The foreign ministers met in Ankara on Thursday to discuss the grain deal.")
    assert got[0]["score"] == 100 and got[0]["target_text"].startswith("Die Außenminister")
    assert got[0]["approved_by"] == "anna" and got[0]["approved_at"] == "2022-01-10T09:00:00Z"
    assert got[0]["document_id"] is None
    ru = _probe(translator, "Переговоры в Женеве продолжатся во вторник утром.", lang="ru")
    assert ru and ru[0]["kind"] == "fuzzy" and ru[0]["target_text"].startswith("Die Gespräche in Genf")
    again = _post(editor, data)
    assert again.json()["units"] == 0 and again.json()["skipped"] == 4


def test_bad_files_are_refused_with_codes_and_nothing_is_half_imported(
    editor, translator, settings, monkeypatch
):
    good = tu(
        "Exports rose by ten percent in the first quarter of the year.",
        "Die Exporte stiegen im ersten Quartal um zehn Prozent.",
    )
    cases = {
        b"this is not xml": (422, "invalid_tmx"),
        b"<html><body/></html>": (422, "invalid_tmx"),
        tmx(good)[:-20]: (422, "invalid_tmx"),  # cut off: the units before the break are not stored either
        tmx(tu("Only English here.", None), tu("Nur Deutsch.", "Nur Deutsch.", lang="de")): (
            422,
            "tmx_no_german",
        ),
        # an entity bomb is refused (entities are not expanded), never expanded into memory
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>'
        b'<tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>': (422, "tmx_no_german"),
    }
    for data, (status, code) in cases.items():
        r = _post(editor, data)
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), data[:60]
    assert _probe(translator, "Exports rose by ten percent in the first quarter of the year.") == []
    denied = _post(translator, tmx(good))
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"


def test_oversize_file_is_413(editor, monkeypatch):
    from app.config import get_settings

    limit = get_settings().tm_import_max_bytes
    big = tmx(tu("x" * 50, "y" * 50) * (limit // 100 + 10))
    assert len(big) > limit
    r = _post(editor, big)
    assert r.status_code == 413 and r.json()["error"]["code"] in ("tmx_too_large", "too_large")


def test_export_of_one_instance_imports_into_the_memory(translator, editor):
    tag = uuid.uuid4().hex[:6]
    doc = translator.post(
        "/api/documents",
        json={
            "text": f"Title {tag}\n\nThe summit ended with a joint declaration on climate finance.",
            "source_lang": "en",
        },
    ).json()
    approve_all(
        translator,
        editor,
        doc,
        {1: "Der Gipfel endete mit einer gemeinsamen Erklärung zur Klimafinanzierung."},
    )
    exported = translator.get("/api/pairs/export?format=tmx")
    assert exported.status_code == 200 and b"<tmx" in exported.content
    r = _post(editor, exported.content)
    assert r.status_code == 200
    assert r.json()["units"] == 0  # the units are in this memory already (approved here)


def test_cli_imports_with_a_progress_bar_and_refuses_bad_files(tmp_path):
    env = cli_env(tmp_path / "data")
    good = tmp_path / "old.tmx"
    good.write_bytes(
        tmx(
            *[
                tu(f"Sentence number {i} about the economy of the region.", f"Satz Nummer {i}.")
                for i in range(30)
            ]
        )
    )
    out = run_cli(["tm", "import", str(good)], env)
    assert "30 units imported (en: 30), 0 skipped." in out.stdout
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    failed = run_cli(["tm", "import", str(bad)], env, check=False)
    assert failed.returncode == 1 and "invalid_tmx" in failed.stderr
    again = run_cli(["tm", "import", str(good)], env)
    assert "0 units imported (none), 30 skipped." in again.stdout
    rebuilt = run_cli(["tm", "rebuild"], env)  # no approved segments here; imported units stay
    assert "0 units from approved segments." in rebuilt.stdout
    assert "0 units imported (none), 30 skipped." in run_cli(["tm", "import", str(good)], env).stdout

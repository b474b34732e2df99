"""The editor's pure modules, run in the browser: word diff, glossary matching, German ages."""


def run(page, server, script: str):
    page.goto(server.base_url + "/")
    return page.evaluate(script)


def test_word_diff(new_page, server):
    parts = run(
        new_page(),
        server,
        """async () => {
        const { wordDiff } = await import('/js/diff.js');
        return [
          wordDiff('Der Präsident sagte am Montag.', 'Der Präsident erklärte am Dienstag!'),
          wordDiff('', 'neu'),
          wordDiff('gleich', 'gleich'),
          wordDiff('a '.repeat(3000), 'b '.repeat(3000)).length,
        ];
    }""",
    )
    changed, added, same, big = parts
    assert changed == [
        {"op": "eq", "text": "Der Präsident "},
        {"op": "del", "text": "sagte"},
        {"op": "ins", "text": "erklärte"},
        {"op": "eq", "text": " am "},
        {"op": "del", "text": "Montag."},
        {"op": "ins", "text": "Dienstag!"},
    ]
    assert added == [{"op": "ins", "text": "neu"}]
    assert same == [{"op": "eq", "text": "gleich"}]
    assert big >= 2, "very long texts fall back to a coarse diff instead of a huge table"


def test_glossary_and_age(new_page, server):
    found, missing, ages = run(
        new_page(),
        server,
        """async () => {
        const g = await import('/js/glossary.js');
        const f = await import('/js/format.js');
        const terms = g.compileTerms([
          {source_term: 'central bank', target_term: 'Zentralbank', case_sensitive: false},
          {source_term: 'EU', target_term: 'EU', case_sensitive: true},
          {source_term: 'Кремль', target_term: 'Kreml', case_sensitive: false},
        ]);
        const hits = g.termsIn(terms, 'The Central Bank and the eu met; кремль said. Neutral banking.');
        const now = Date.parse('2026-01-02T12:00:00Z');
        return [hits.map(t => t.source_term), g.missingTargets(hits, 'Die Zentralbank tagte.').map(t => t.target_term),
                [f.age('2026-01-02T11:59:40Z', now), f.age('2026-01-02T12:00:00+01:00', now),
                 f.age('2026-01-01T12:00:00+00:00', now), f.age('2025-12-29T12:00:00Z', now)]];
    }""",
    )
    assert found == ["central bank", "Кремль"], (
        "case-sensitive EU does not match eu; Cyrillic word bounds work"
    )
    assert missing == ["Kreml"]
    assert ages == ["gerade eben", "vor 1 Std.", "vor 1 Tag", "vor 4 Tagen"]

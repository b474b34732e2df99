"""Tests never touch the internet: online engines' default servers are replaced by a closed port."""

CLOSED = "http://127.0.0.1:9"
OFFLINE_ENV = {
    "WERKBANK_TRANSLATOR_GOOGLE_URL": CLOSED,
    "WERKBANK_TRANSLATOR_MYMEMORY_URL": CLOSED,
    "WERKBANK_TRANSLATOR_MICROSOFT_URL": CLOSED,
    "WERKBANK_TRANSLATOR_DEEPL_SERVER_URL": CLOSED,
}

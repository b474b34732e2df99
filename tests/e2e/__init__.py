"""Browser tests of the editor: Playwright driving Debian's chromium against a real server."""

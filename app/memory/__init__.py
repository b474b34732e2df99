"""Translation memory: approved translations remembered, found again (exact, near-exact, fuzzy), imported."""

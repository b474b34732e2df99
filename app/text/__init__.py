"""Plain-text rules shared by domains and exporters: Unicode normalisation and German typography."""

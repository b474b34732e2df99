"""Publishing: posts built from approved segments, excerpts, exports and WordPress."""

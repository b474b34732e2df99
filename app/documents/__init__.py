"""The document library: reading documents and their segments, listing and searching, status bookkeeping."""

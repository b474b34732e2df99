"""Review: edits with compare-and-set, approve, reopen, revert; every change a revision."""

"""The scoreboard: post-edit figures of machine drafts per engine, and the newsroom's daily activity."""

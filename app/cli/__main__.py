"""`python -m app.cli`: the same as the `werkbank` command."""

from app.cli.commands import main

main()

"""The `werkbank` command line: local commands on the database, or a remote server over the API."""

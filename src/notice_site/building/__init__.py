"""Building and publishing: MkDocs processes side by side, the offline copy, the link check, the steps of `make site`."""

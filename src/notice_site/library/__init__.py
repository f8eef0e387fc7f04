"""A library of several notices: its own pages, search, feed and redirects."""

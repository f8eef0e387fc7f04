"""Rendering a notice in each script: editions, page sources, PDFs, search indexes, open data, a government website's tags."""

"""Loading and checking a notice folder (measures.yaml, its overrides) and a site file."""

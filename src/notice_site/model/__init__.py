"""The model of a notice: its tree (documents, divisions, provisions, sentences), addresses and URLs, labels and numerals, the scripts it is published in. Imports nothing else of ours."""

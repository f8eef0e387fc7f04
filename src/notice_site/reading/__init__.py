"""Reading official text (plain text, a saved web page, a Word file) into a notice folder."""

"""Pages of the reports app, in three modules: reading, files, and editing."""

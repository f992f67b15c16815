"""Files that admins bring in: member contributions and population figures.

Each kind has a reader that turns the file's rows into planned changes and problems without
writing anything (`read_contributions`, `read_population`); `finsam.imports.batches` keeps
the uploaded file, shows the plan, and applies it in one transaction when confirmed.
"""

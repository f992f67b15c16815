"""Backups of one association: `export_association` writes everything it holds, with its
history and its imported files, to one zip file; `import_association` restores such a file
into an installation where the association does not exist. The format: `docs/backup.md`."""

"""The import pipeline: upload, checksum, preview, all-or-nothing apply, the kept file.

Each app registers its own kinds of file (`batches.register_importer`) from its AppConfig;
this package names none of them.
"""

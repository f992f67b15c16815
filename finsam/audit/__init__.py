"""The audit trail: who changed what, when, from which value to which (issue "Trust").

Storage is django-simple-history (`finsam.models.audit`): every tracked model has a
historical table, written on each save and delete. This package adds what the project needs
on top of it:

- `recording`: fills each historical row's association, import and reason, and offers bulk
  writes that keep history (`bulk_create_audited`);
- `log`: reads the history of an association, or of one object and what belongs to it, as
  one list over every historical table, filtered and paginated;
- `entries`: turns historical rows into entries a person reads: who, when, which object,
  and per field what it was and what it became;
- `xlsx`: the same entries as a spreadsheet.

History is only ever inserted: nothing in the application updates or deletes a historical
row (the admin shows it read-only; `tests/audit` proves both).
"""

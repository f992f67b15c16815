"""Pure helpers (no Django, no database): rounding, allocation, number formatting."""

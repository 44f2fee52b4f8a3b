"""The projects register: every project of every plan, agencies' pages, budgets, duplicates."""

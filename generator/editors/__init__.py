"""The web forms at /admin/ (Decap CMS): their configuration, generated from model.py, the
admin page and the bundle copied into the site, and `kb edit`'s local backend."""

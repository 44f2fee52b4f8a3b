"""Content: the model, reading YAML, validation and the corpus of records."""

"""kb: the knowledge base of the ก.น.จ. (model, validation, site generation, search)."""

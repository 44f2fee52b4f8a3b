"""The site: pages made from the corpus and the mkdocs adapter that renders them."""

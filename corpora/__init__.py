"""Corpora shipped with framing: the constructed example corpus and event manifests."""

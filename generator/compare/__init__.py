"""`baocao diff`: what changed between two versions of a document, named in the document's own
words (document.py reads, changes.py aligns, tracked.py marks, sources.py finds the two sides)."""

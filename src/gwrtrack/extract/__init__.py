"""Figures and their attributes, extracted from a normalised view of a document."""

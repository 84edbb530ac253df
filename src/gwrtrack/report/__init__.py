"""Output of extraction results: JSON documents and terminal tables."""

"""Outline (parts, sections, leads) and footnotes of a report."""

"""The store: documents, outline, figures, footnotes, corrections and a search index in SQL.

SQLite by default (one file), PostgreSQL for shared deployments; the same schema (Alembic)
and the same queries on both.
"""

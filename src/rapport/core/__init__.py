"""The headless core: domain model, workspace store, banks, pacing and drafts.

Only the standard library, pydantic and tomli-w are allowed here; an import-linter
contract and a subprocess test keep Textual and Rich out.
"""

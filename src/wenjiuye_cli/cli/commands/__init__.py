"""Sub-commands that live in their own modules. Each module exposes ``register(app: typer.Typer) -> None``.

This package belongs to the CLI layer (it may import typer and rich); the library below it never does.
"""

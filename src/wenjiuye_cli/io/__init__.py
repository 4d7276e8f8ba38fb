"""Columnar input and output: applicant lists as chunks of typed polars frames, results written atomically.

- :mod:`wenjiuye_cli.io.schema`: the typed frame (one dtype per fact type, :func:`fact_dtype`).
- :mod:`wenjiuye_cli.io.clean`: cells cleaned vectorised on each column's distinct texts.
- :mod:`wenjiuye_cli.io.frames`: a chunk's columns → typed facts and rejects, with today's reasons.
- :mod:`wenjiuye_cli.io.readers`: CSV (every encoding), NDJSON, Parquet, xlsx, streamed in chunks.
- :mod:`wenjiuye_cli.io.writers`: CSV, NDJSON, JSON, Parquet, xlsx, each written atomically.

Plain Python over polars: no typer, no rich.
"""

"""One module per measure, as expressions over columns (see :mod:`wenjiuye_cli.engine`).

Each module opens with the clause it implements and exposes ``MEASURE`` (the measure's citation, kinds,
facts and message catalog) and ``declare(p: Params) -> Rule`` (its rule). The module's name is the
measure's id; :func:`wenjiuye_cli.engine.registry` discovers them. Modules whose names start with ``_``
hold what several measures share (facts, messages and expressions).
"""

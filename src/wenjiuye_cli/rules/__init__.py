"""One module per measure, as expressions over columns (see :mod:`wenjiuye_cli.columnar`).

Each module opens with the clause it implements and exposes ``declare(p: Params) -> Rule``. The module's
name is the measure's id; the measure's metadata, facts and message catalog stay those of
``wenjiuye_cli.rules.<id>`` until the scalar copy is deleted.
"""

"""The columnar engine: every measure as polars expressions, evaluated over a frame of applicants.

Migration in progress (issue 12): the measures with a module in :mod:`wenjiuye_cli.rules` are evaluated
here and held to the scalar engine by ``tests/columnar/test_differential.py``; the others still run only
in ``wenjiuye_cli.engine``. Nothing in the commands uses this package yet.

* :mod:`.schema` — the typed frame a reader must hand over (the contract for ``wenjiuye_cli.io``);
* :mod:`.expr` — the small layer rules are written in (facts, ``Params.param``, dates, money);
* :mod:`.rule` — what a rule declares (``cond``, ``Read``, ``Settle``, ``Exit``, ``msg``);
* :mod:`.evaluate` — :func:`evaluate_frame`;
* :mod:`.render` — explained rows back into today's outcomes and words.
"""

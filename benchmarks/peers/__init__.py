"""The peers' four-rule benchmark (issue 12): the same four subsidy rules in plain Python, pandas, polars and
OpenFisca, beside ``wenjiuye batch`` on the same applicants. See README.md here; run with ``run.py``."""

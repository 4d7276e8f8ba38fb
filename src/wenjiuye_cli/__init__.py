"""wenjiuye: subsidy calculator for 《和平区进一步做好稳就业工作实施办法》 (Heping District, Tianjin, 2020).

The engine, the policy loader and the readers/writers are plain Python; ``wenjiuye_cli.cli`` is only a
thin command line on top of them.
"""

# The one place the version is written (pyproject.toml reads it from here). A literal, not
# importlib.metadata: looking the installed version up costs ~90 ms at every start of the command.
__version__ = "0.1.0"

__all__ = ["__version__"]

"""wenjiuye: subsidy calculator for 《和平区进一步做好稳就业工作实施办法》 (Heping District, Tianjin, 2020).

The engine, the policy loader and the readers/writers are plain Python; ``wenjiuye_cli.cli`` is only a
thin command line on top of them.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wenjiuye")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"

__all__ = ["__version__"]

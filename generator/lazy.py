"""Libraries that only some inputs need, imported when first used.

Why: start-up is most of a small build. The CLI already imports a command's module only when that
command runs (commands/cli.py); within `build`, some libraries serve only some inputs — openpyxl and
Babel's number parsing a table kept in a workbook, docxtpl-lint naming the paragraph where a fill
failed — and importing them up front cost a build without a workbook about a quarter of its time.
`module(name)` stands for the module at once; the first attribute looked up on it imports the module
for real, exactly as `import name` would (its packages first), and the stand-in then holds what the
module holds. So each module still names the libraries it uses at its top, and pays for one only when
a data file or a failure needs it. (importlib's LazyLoader was tried: it runs a submodule before its
package, which breaks packages that import their own submodules by name, as openpyxl does.)
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _OnFirstUse(ModuleType):
    def __getattr__(self, attr: str) -> Any:  # only for what the stand-in does not hold yet
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, attr)


def module(name: str) -> ModuleType:
    """A stand-in for the module `name` (a package's submodule too), imported when first used."""
    return _OnFirstUse(name)

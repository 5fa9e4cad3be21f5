"""The one table of models: every ``MODEL`` declared by a module of this package.

The modules are found on disk (``pkgutil``, which works the same in Pyodide,
where the wheel is unpacked into the virtual file system), so adding a model
needs no edit here; see ``spec`` for what a module declares.

>>> sorted(PURCHASE_MODELS)[:1], sorted(SPEND_MODELS)
(['bgnbd'], ['gamma_gamma'])
>>> PURCHASE_MODELS["bgnbd"].params._fields
('r', 'alpha', 'a', 'b')
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from . import spec


def _declared() -> list[Any]:
    package = __name__.rpartition(".")[0]
    found = []
    for info in sorted(pkgutil.iter_modules(importlib.import_module(package).__path__),
                       key=lambda m: m.name):
        module = importlib.import_module(f"{package}.{info.name}")
        if hasattr(module, "MODEL"):
            found.append(module.MODEL)
    return found


MODELS = {model.id: model for model in _declared()}
PURCHASE_MODELS = {k: m for k, m in MODELS.items() if isinstance(m, spec.PurchaseModel)}
SPEND_MODELS = {k: m for k, m in MODELS.items() if isinstance(m, spec.SpendModel)}
DISCRETE_MODELS = {k: m for k, m in MODELS.items() if isinstance(m, spec.DiscretePurchaseModel)}
RETENTION_MODELS = {k: m for k, m in MODELS.items() if isinstance(m, spec.RetentionModel)}
# The purchase model used when none is chosen (the one of FHL 2005).
DEFAULT_PURCHASE_MODEL = "bgnbd"

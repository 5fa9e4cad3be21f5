"""The calculator's errors: one base type, input errors and model errors under it.

Every error carries a stable ``code`` (a key of ``messages.MESSAGES``), the
``field`` it is about (a keyword-argument name, a CLI option, or None) and the
template ``values``. ``str()`` gives the English message, for logs and
developers; people get ``messages.render()`` through their language's catalog.

- ``InputError``: what the user gave cannot be used (a field, a file, a row, a
  locale). Fix the input and try again.
- ``ModelError``: the input is valid but a model could not be fitted or
  evaluated on it (the search did not converge, a series did not converge).

Anything else escaping the package (``ValueError``, ``TypeError``, ...) is a
bug, and callers let it through instead of turning it into a message.
"""

from __future__ import annotations

from typing import Any

from . import messages

__all__ = ["CalculatorError", "InputError", "ModelError"]


class CalculatorError(Exception):
    """An error the calculator explains to people: ``code``, ``field``, ``values``.

    >>> err = CalculatorError("must_be_positive", "aov", value=-1.0)
    >>> err.code, err.field, err.values
    ('must_be_positive', 'aov', {'value': -1.0})
    >>> str(err)
    'Average order value must be greater than 0.'
    """

    def __init__(self, code: str, field: str | None = None, **values: Any) -> None:
        self.code = code
        self.field = field
        self.values = values
        super().__init__(code, field, values)

    def __str__(self) -> str:
        return messages.render(self.code, self.field, self.values)

    def as_dict(self) -> dict[str, Any]:
        """The error as data (for the web worker's ``{id, error}`` answer).

        >>> InputError("required", "aov").as_dict()
        {'code': 'required', 'field': 'aov', 'values': {}}
        """
        return {"code": self.code, "field": self.field, "values": dict(self.values)}


# Also a ValueError, as it always was: code that caught ValueError for a bad
# input keeps working.
class InputError(CalculatorError, ValueError):
    """An input the calculator cannot use (a field, a file, a row, a locale).

    >>> raise InputError("required", "aov")
    Traceback (most recent call last):
    ...
    calculator.errors.InputError: Average order value is required.
    """


class ModelError(CalculatorError):
    """Valid input on which a model cannot be fitted or evaluated.

    >>> isinstance(ModelError("model_not_converged", "bgnbd", iterations=5), ValueError)
    False
    """

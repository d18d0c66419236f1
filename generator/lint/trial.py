"""A trial fill of a template without data, for `template check` with no data file.

The static check reads tags; it cannot see what a template does when it runs: a value of a
gigabyte built from literals ('x'|center(10**9)), a loop that never ends (lipsum(n=…), loops in
loops), a macro calling itself, a reach into Python's internals. So the template is also filled
once, in the worker (under its limits), with a hollow context: every name prints nothing, iterates
over nothing, and answers any attribute, item, call or operator with itself; baocao's filters give
nothing for it. What runs on literals alone then runs as it would in a build. Only what is the
template's fault whatever the data — a limit hit, the sandbox's refusal, {% include %} — is
reported: other failures are the hollow context's (a date filter given nothing), not the template's.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError

from .. import limits
from ..errors import Finding, UserError
from ..oxml.places import placed
from ..render import Prose, make_environment, render_template


def _itself(self, *args, **kwargs):
    return self


class Hollow(jinja2.ChainableUndefined):
    """Any name, when there is no data: nothing to print, nothing to iterate, itself for the rest."""

    __slots__ = ()
    __call__ = __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __div__ = __rdiv__ = _itself
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = _itself
    __neg__ = __pos__ = _itself

    def __lt__(self, other):
        return False

    __le__ = __gt__ = __ge__ = __lt__

    def __int__(self):
        return 0

    def __float__(self):
        return 0.0

    def _unsafe(self) -> None:
        """The sandbox answers a reach into Python's internals with an undefined value that raises
        SecurityError when used: a hollow one must raise it too."""
        if self._undefined_exception is SecurityError:
            self._fail_with_undefined_error()

    def __str__(self):
        self._unsafe()
        return ""

    def __html__(self):
        return str(self)

    def __iter__(self):
        self._unsafe()
        return iter(())

    def __bool__(self):
        self._unsafe()
        return False


def _tolerant(f):
    """One of baocao's filters, giving nothing for a hollow value or a value it refuses (the limits'
    exceptions pass: they are what the trial looks for)."""
    def tolerant(value, *args, **kwargs):
        if isinstance(value, jinja2.Undefined) or any(isinstance(a, jinja2.Undefined) for a in args):
            return ""
        try:
            return f(value, *args, **kwargs)
        except (ValueError, TypeError, LookupError, ArithmeticError, AttributeError):
            return ""
    return functools.update_wrapper(tolerant, f)


def environment():
    env = make_environment(Prose())
    builtin = jinja2.Environment().filters
    env.filters.update({name: _tolerant(f) for name, f in env.filters.items() if name not in builtin})
    env.undefined = Hollow
    return env


def fill(template: Path) -> list[Finding]:
    """In the worker: the template's own faults found by filling it without data (see above)."""
    try:
        render_template(template, {}, Prose(), env=environment())
    except limits.Exceeded as exc:
        return placed(exc, template).findings
    except UserError as exc:
        cause = exc.__context__
        if isinstance(cause, (SecurityError, jinja2.TemplateNotFound)):
            return placed(exc, template).findings
    return []

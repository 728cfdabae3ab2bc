"""What the criteria of a query may hold, checked on their syntax tree before anything evaluates them.

Any internal user writes criteria and every member of a shared query evaluates them, so they are
limited to what Odoo's criteria editor writes: values, lists of values, ``uid``, the parameters
(``params['x']``, ``params.get('x')``) and relative dates (``'today -7d'``,
``context_today() + relativedelta(days=-7)``, ``datetime.datetime.combine(...)``, ``.to_utc()``
and ``.strftime(...)``). No loop, comprehension, lambda, multiplication or power: evaluating what is
left takes time and memory in proportion to the text of the criteria.
"""

import ast
import datetime
import functools
import types

import pytz

NAMES = frozenset({"uid", "True", "False", "None"})
# Calls by their dotted name; their arguments are checked like the rest.
CALLS = frozenset(
    {
        "context_today",
        "relativedelta",
        "datetime.datetime",
        "datetime.datetime.now",
        "datetime.datetime.combine",
        "datetime.date",
        "datetime.date.today",
        "datetime.time",
        "datetime.timedelta",
    }
)
# ``to_utc``: what Odoo's criteria editor writes after a local midnight on a date-and-time field.
METHODS = frozenset({"strftime", "isoformat", "date", "to_utc"})
OPERATORS = (ast.Add, ast.Sub)
UNARY_OPERATORS = (ast.USub, ast.UAdd, ast.Not)


class CriteriaError(ValueError):
    """The criteria hold a construct they may not; its first argument names it."""


def _dotted_name(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _is_params_read(node):
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Name) and node.value.id == "params" and isinstance(node.slice, ast.Constant)
    return (
        isinstance(node, ast.Call)
        and _dotted_name(node.func) == "params.get"
        and 1 <= len(node.args) <= 2
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
    )


def _check(node):
    if isinstance(node, ast.Constant):
        return
    if isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            _check(element)
        return
    if isinstance(node, ast.Name) and node.id in NAMES:
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, UNARY_OPERATORS):
        _check(node.operand)
        return
    if isinstance(node, ast.BinOp) and isinstance(node.op, OPERATORS):
        _check(node.left)
        _check(node.right)
        return
    if _is_params_read(node):
        for default in node.args[1:] if isinstance(node, ast.Call) else ():
            _check(default)
        return
    if isinstance(node, ast.Call) and not any(isinstance(arg, ast.Starred) for arg in node.args):
        if any(keyword.arg is None for keyword in node.keywords):
            raise CriteriaError("**")
        name = _dotted_name(node.func)
        if name not in CALLS:
            if not (isinstance(node.func, ast.Attribute) and node.func.attr in METHODS):
                raise CriteriaError(name or ast.unparse(node.func))
            _check(node.func.value)
        for argument in (*node.args, *(keyword.value for keyword in node.keywords)):
            _check(argument)
        return
    raise CriteriaError(ast.unparse(node)[:60])


def check_criteria(text):
    """Raise CriteriaError naming the first construct of `text` the criteria may not hold. A text
    that is not Python at all is left to the domain checks, which say so in their own words."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return
    except (RecursionError, MemoryError) as error:
        raise CriteriaError("nesting this deep") from error
    try:
        _check(tree.body)
    except RecursionError as error:
        raise CriteriaError("nesting this deep") from error


@functools.lru_cache(maxsize=64)
def datetime_module(tz_name):
    """The ``datetime`` the criteria are evaluated with: the standard one, whose date-and-times
    also know ``to_utc()``, as in the browser where Odoo's criteria editor evaluates them. The
    editor writes "since 30 days ago" on a date-and-time field as local midnight ``.to_utc()``;
    the local time is that of `tz_name` (the user's time zone), UTC when it is none."""
    tz = pytz.timezone(tz_name) if tz_name in pytz.all_timezones_set else pytz.utc

    class LocalDatetime(datetime.datetime):
        def to_utc(self):
            local = tz.localize(datetime.datetime(*self.timetuple()[:6], self.microsecond))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

    return types.SimpleNamespace(
        date=datetime.date, datetime=LocalDatetime, time=datetime.time, timedelta=datetime.timedelta
    )

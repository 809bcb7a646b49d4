"""Plainer ``--help`` than Typer's defaults.

Typer shows ``<bool>`` beside every flag (as if ``--json true`` were accepted: it is
not), ``<list[str]>`` beside repeatable options and ``{photos}...`` for a list of
arguments. :func:`tidy` rewrites those on the built Click command tree: flags show no
type, a repeatable option shows its item type, and variadic arguments read ``PHOTO...``.
"""

from __future__ import annotations

from typing import get_args

import click
from typer.core import TyperArgument, TyperOption


def tidy(command: click.Command) -> click.Command:
    """``command`` and its subcommands with plainer help (changed in place)."""
    for param in command.params:
        if isinstance(param, TyperOption):
            _tidy_option(param)
        elif isinstance(param, TyperArgument) and param.nargs != 1:
            _tidy_variadic(param)
    make_help_option = command.get_help_option

    def help_option(ctx: click.Context) -> click.Option | None:
        option = make_help_option(ctx)
        if isinstance(option, TyperOption):
            _tidy_option(option)
        return option

    command.get_help_option = help_option  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return command


def _tidy_option(option: TyperOption) -> None:
    if option.is_flag:
        option.metavar = ""  # a flag takes no value
    elif option.multiple:
        items = get_args(option.type_descriptor.annotation)
        if items:
            option.metavar = f"<{getattr(items[0], '__name__', str(items[0])).lower()}>"


def _tidy_variadic(argument: TyperArgument) -> None:
    name = (argument.name or "value").upper()
    shown = (name[:-1] if name.endswith("S") else name) + "..."
    items = get_args(argument.type_descriptor.annotation)
    item_type = f"<{getattr(items[0], '__name__', 'value').lower()}>" if items else None
    argument.metavar = shown
    # instance attributes shadow the class's methods: only this argument changes
    argument._usage_display_name = lambda: shown  # type: ignore[method-assign]
    argument.display_type_rich = lambda ctx: item_type  # type: ignore[method-assign]

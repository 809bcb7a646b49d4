"""The ``facemoji`` command: a thin Typer app over the Python API.

Each command group lives in its own module and registers on :data:`app`; commands
parse arguments, call the API and print. ``--json`` output goes to stdout alone;
progress and logs go to stderr. Exit status: 0 success, 2 bad input (one-line
message), 1 internal error, 130 interrupted (Ctrl-C; no output is then written, see
:mod:`facemoji.interrupts`).
"""

from __future__ import annotations

import logging
import sys

import typer
from typer.exceptions import TyperException

from ..errors import FacemojiError
from ..interrupts import interrupted, recording
from .helptext import tidy

app = typer.Typer(
    name="facemoji",
    help="Turn photos of a person into a personalized, editable cartoon avatar.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details to stderr."),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _register_commands() -> None:
    # importing a command module registers its commands on `app`
    from . import avatar  # noqa: F401

    for optional in ("face", "match", "gan", "batch", "web"):
        try:
            __import__(f"{__name__}.{optional}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{optional}":
                raise


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (used by the ``facemoji`` script)."""
    try:
        with recording():
            result = tidy(typer.main.get_command(app)).main(args=argv, standalone_mode=False)
        # Typer answers Ctrl-C with 130; a Ctrl-C that a C library's callback swallowed
        # has only been recorded
        if result == 130 or interrupted():
            raise KeyboardInterrupt
    except FacemojiError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return 130
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        return int(code if code is not None else getattr(exc, "code", 0) or 0)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 1
    except TyperException as exc:  # usage errors: bad option values, missing arguments
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            typer.echo(f"error: {exc.format_message()}", err=True)
        return 2
    except Exception as exc:
        logging.getLogger("facemoji").debug("internal error", exc_info=True)
        typer.echo(f"internal error: {type(exc).__name__}: {exc} (run with -v for details)",
                   err=True)
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

"""The ``pmlint`` command, also run as ``python -m pmlint``.

Start-up makes objects that live as long as the process (modules, functions, compiled
patterns): the cycle collector is off while they are made, and they are then frozen, so no
later collection traces them again. At exit the interpreter's last collection would trace
every object the run made only to free memory the process gives back anyway: those are
frozen too.

A bug in pmlint outside the linting of one file (which becomes that file's error) is one
line on stderr and exit code 2, never a traceback nor the exit code of findings.
"""

import gc
import sys

EXIT_INTERNAL = 2


def main() -> None:
    """Run the command line (:func:`pmlint.cli.main`)."""
    gc.disable()
    from pmlint.cli import main as command_line

    gc.freeze()
    gc.enable()
    try:
        command_line()
    except Exception as exc:  # a bug: say so in one line, exit 2
        print(
            f"pmlint: error: internal error ({type(exc).__name__}: {exc}); please report this",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()

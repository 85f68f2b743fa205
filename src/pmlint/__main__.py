"""The ``pmlint`` command, also run as ``python -m pmlint``.

Start-up makes objects that live as long as the process (modules, functions, compiled
patterns): the cycle collector is off while they are made, and they are then frozen, so no
later collection traces them again. At exit the interpreter's last collection would trace
every object the run made only to free memory the process gives back anyway: those are
frozen too.
"""

import gc


def main() -> None:
    """Run the command line (:func:`pmlint.cli.main`)."""
    gc.disable()
    from pmlint.cli import main as command_line

    gc.freeze()
    gc.enable()
    try:
        command_line()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()

"""Run pmlint as ``python -m pmlint``."""

from pmlint.cli import main

if __name__ == "__main__":
    main()

"""``rapport install`` / ``rapport uninstall``: add or remove plugins in rapport's own environment.

As ``llm install`` does: a user who installed rapport with pipx (or in a virtual environment)
need not know where that environment is; pip runs as ``sys.executable -m pip``, so a pack
lands exactly where rapport looks for it, never in the system Python.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from rapport import DISTRIBUTION
from rapport.commands import CommandError
from rapport.plugins import normalize_distribution


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``install`` and ``uninstall``."""
    install = sub.add_parser("install", help="install plugins or packs into rapport's own environment (pip)")
    install.add_argument("packages", nargs="+", metavar="PACKAGE", help="what pip would take: a name, a path, a URL")
    install.add_argument("-U", "--upgrade", action="store_true", help="upgrade if already installed")
    install.add_argument("-e", "--editable", action="store_true", help="install a local folder in editable mode")
    uninstall = sub.add_parser("uninstall", help="remove plugins or packs from rapport's own environment (pip)")
    uninstall.add_argument("packages", nargs="+", metavar="PACKAGE", help="distribution names")
    uninstall.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")


def pip_command(args: argparse.Namespace) -> list[str]:
    """The pip command line for ``args``: always the interpreter rapport itself runs on.

    Raises:
        CommandError: ``uninstall`` names rapport itself (that would remove the command being run).
    """
    pip = [sys.executable, "-m", "pip"]
    if args.command == "install":
        packages = list(args.packages)
        if args.editable:
            packages = [part for pkg in packages for part in ("-e", pkg)]
        return [*pip, "install", *(["--upgrade"] if args.upgrade else []), *packages]
    if any(normalize_distribution(pkg) == DISTRIBUTION for pkg in args.packages):
        raise CommandError(f"{DISTRIBUTION} is rapport itself; remove it with the tool you installed it with (pipx)")
    return [*pip, "uninstall", *(["--yes"] if args.yes else []), *args.packages]


def run(args: argparse.Namespace) -> int:
    """Run pip with the terminal attached (its progress and questions are the user's); pip's exit status."""
    command = pip_command(args)
    try:
        done = subprocess.run(command, check=False)
    except OSError as exc:
        raise CommandError(f"could not run pip: {exc.strerror or exc}") from None
    if done.returncode != 0 and args.command == "install":
        print(f"rapport: pip exited with status {done.returncode}; nothing else was changed", file=sys.stderr)
    return done.returncode

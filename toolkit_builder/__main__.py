"""Run the command line: `python -m toolkit_builder`."""

from toolkit_builder.cli import command

command()

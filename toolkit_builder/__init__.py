"""toolkit_builder: a static-site generator for healthcare quality-improvement programmes."""

__version__ = "0.1.0"

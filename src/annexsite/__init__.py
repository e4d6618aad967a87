"""annexsite: export-control annexes in YAML -> multilingual guidance site."""

__version__ = "0.1.0"

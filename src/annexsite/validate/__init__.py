"""Stage 2, validate: every error of a project at once, each with file:line:col and a hint."""

from annexsite.validate.checks import validate_project

__all__ = ["validate_project"]

"""Stage 3, model: frozen, typed objects built from validated documents. No I/O."""

from annexsite.model.objects import (
    Annex,
    Answer,
    Cite,
    Rule,
    Tree,
    TreeNode,
    Category,
    Condition,
    Entry,
    Equivalent,
    Gap,
    Glossary,
    GlossaryDefinition,
    GlossaryTerm,
    Guidance,
    LicenseException,
    Note,
    Paragraph,
    Parameter,
    Project,
    Reason,
    Source,
    Quality,
    Threshold,
)
from annexsite.model.build import build_project
from annexsite.model.terms import quoted_terms

__all__ = [
    "Annex", "Category", "Condition", "Entry", "Equivalent", "Gap", "Glossary", "GlossaryDefinition",
    "GlossaryTerm", "Guidance", "LicenseException", "Note", "Paragraph", "Parameter", "Project", "Reason",
    "Source", "Quality", "Threshold", "Tree", "TreeNode", "Answer", "Cite", "Rule", "build_project", "quoted_terms",
]

"""Stage 8, site: MkDocs (Material + mkdocs-static-i18n) builds the generated docs tree."""

"""Translations: the library the build uses, and the ``annexsite i18n`` commands above it.

The library (below :mod:`annexsite.pipeline`):

- :mod:`~annexsite.i18n.extract`: the messages of the templates, the code's ``N_`` labels and
  the annexes, with their contexts and ``file:line``;
- :mod:`~annexsite.i18n.status`: translation coverage per language, annex and entry, which decides
  what is published;
- :mod:`~annexsite.i18n.terms`: terminology checks of the translations (defined terms' approved
  renderings, words that bound a figure).

The commands (above the pipeline, which they run):

- :mod:`~annexsite.i18n.workflow`: extract, update and compile the catalogs; the ``pybabel
  extract`` method for annex files;
- :mod:`~annexsite.i18n.commands`: ``annexsite i18n extract | update | compile | status``,
  arguments and printing only.
"""

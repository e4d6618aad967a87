"""Stage 1, load: read the YAML files of a project into raw documents with line marks.

Nothing here knows the content model; it only turns bytes into plain Python values and
remembers where each value came from, refusing anything YAML can do that annexes never
need (tags, aliases, duplicate keys, huge or deeply nested documents).
"""

from annexsite.load.project import RawProject, load_project
from annexsite.load.yamlfile import RawDocument, load_yaml

__all__ = ["RawDocument", "RawProject", "load_project", "load_yaml"]

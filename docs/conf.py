"""Sphinx configuration (``sphinx-build -W -n docs docs/_build``: warnings and unresolved
references are errors)."""

from __future__ import annotations

from typing import Any

from sphinx.ext.napoleon.docstring import GoogleDocstring

project = "ghlicense"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.doctest"]
html_theme = "furo"
html_static_path = ["_static"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3
nitpicky = True
napoleon_use_ivar = True  # "Attributes:" sections as fields: the attributes are documented once
# The standard library's and pandas' names are not linked: the build runs without a
# network, so there is no intersphinx inventory to resolve them against.
nitpick_ignore_regex = [
    ("py:class", r"(collections\.abc|datetime|typing|types|enum|re)\.\w+"),
    ("py:class", r"(pd|pandas)\.DataFrame"),
    ("py:class", r"(Sequence|Mapping|Iterator|Iterable|Callable)"),
]


def _prose(self: GoogleDocstring) -> list[str]:
    """ghlicense's attribute docstrings are sentences: ``Where it is: ...`` names no type."""
    lines = self._dedent(self._consume_to_end())
    return GoogleDocstring(lines, self._config).lines()


GoogleDocstring._parse_attribute_docstring = _prose  # type: ignore[method-assign]


def _public(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``ghlicense.module.Name`` (how annotations name a record) and a bare
    ``Name.attribute`` to the public ``ghlicense.Name`` the API page documents."""
    if node.get("refdomain") != "py":
        return None
    target = str(node.get("reftarget", ""))
    head = target.removeprefix("ghlicense.")
    parts = head.split(".")
    domain = env.get_domain("py")
    for start in range(len(parts)):
        candidate = "ghlicense." + ".".join(parts[start:])
        if candidate == target:
            continue
        found = domain.resolve_any_xref(env, node["refdoc"], app.builder, candidate, node, contnode)
        if found:
            return found[0][1]
    return None


def setup(app: Any) -> None:
    app.connect("missing-reference", _public)


doctest_global_setup = "import ghlicense\nfrom ghlicense import *"

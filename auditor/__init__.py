"""auditor: a compliance crawler for consumer-agency-style audits of web shops."""

from importlib.metadata import PackageNotFoundError, version

from auditor import native

# The extraction's hot modules from their compiled build when it is one of these very sources
# (scripts/compile), before any of them is imported; else from the sources.
native.install()

try:
    __version__ = version("auditor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

#: The project's home (README), as in ``[project.urls]`` of pyproject.toml (a test keeps them equal).
HOMEPAGE = "https://github.com/auditor-project/auditor"


def rule_page(rule_id: str) -> str:
    """The absolute URL of a rule's catalogue page (``docs/rules/<id>.md``, generated from the rule)."""
    return f"{HOMEPAGE}/blob/main/docs/rules/{rule_id}.md"


__all__ = ["HOMEPAGE", "__version__", "rule_page"]

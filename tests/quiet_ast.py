"""``ast.parse`` with no garbage collection inside it, for the tests that read the sources.

A finalizer that raises while a tree is built (a Scrapy generator another test left behind, closed
after its reactor is gone) makes CPython 3.11 report a spurious "AST constructor recursion depth
mismatch" (cpython gh-106905); collecting first and pausing the collector keeps it out."""

from __future__ import annotations

import ast
import gc


def parse(source: str) -> ast.Module:
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return ast.parse(source)
    finally:
        if enabled:
            gc.enable()

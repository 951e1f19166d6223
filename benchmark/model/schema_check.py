"""A yes/no JSON Schema check compiled to Python, for the keywords our schemas use.

Valid input is the common case, and for it only a yes is needed: this compiles a
schema (with no ``$ref`` left, see :func:`schemas.inlined`) into straight-line
Python: one function per object or array node, every other node an inline
expression, no error objects. Each keyword keeps its draft 2020-12 meaning as
python-jsonschema implements it (``integer`` admits ``81.0``; ``pattern`` is
``re.search``; ``format`` asks jsonschema's own format checker); a keyword outside
:data:`SUPPORTED` raises ``NotImplementedError`` instead of being ignored. When
the answer is no, the caller collects the errors with jsonschema. A property test
checks that both accept exactly the same instances.
"""

from __future__ import annotations

import re
from typing import Any, Callable

SUPPORTED = frozenset({
    "type", "properties", "required", "additionalProperties", "items", "enum", "minLength", "maxLength",
    "minimum", "minItems", "pattern", "format", "anyOf", "allOf", "propertyNames",
    "description", "title", "$schema", "$id", "$comment",
})
_TYPES = {
    "string": "type({v}) is str",
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "number": "(type({v}) is int or type({v}) is float)",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
}


class _Compiler:
    def __init__(self, conforms: Callable[[Any, str], bool]) -> None:
        self.functions: list[str] = []
        self.constants: dict[str, Any] = {"_MISSING": object(), "_conforms": conforms}

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def expression(self, node: Any, v: str) -> str:
        """A Python expression, true when the value named ``v`` satisfies ``node``."""
        if node is True or node == {}:
            return "True"
        if node is False:
            return "False"
        unknown = set(node) - SUPPORTED
        if unknown:
            raise NotImplementedError(f"schema keywords {sorted(unknown)}")
        types = node.get("type")
        types = [types] if isinstance(types, str) else types
        parts = [] if types is None else ["(" + " or ".join(_TYPES[t].format(v=v) for t in types) + ")"]

        def only(kind: str, test: str) -> None:
            """``test`` applies to values of ``kind`` only, as in JSON Schema."""
            parts.append(test if types == [kind] else f"(not {_TYPES[kind].format(v=v)} or {test})")

        if "enum" in node:
            if not all(isinstance(e, str) for e in node["enum"]):
                raise NotImplementedError("enum of non-strings")
            parts.append(f"(type({v}) is str and {v} in {self.constant(frozenset(node['enum']))})")
        if "minLength" in node:
            only("string", f"len({v}) >= {int(node['minLength'])}")
        if "maxLength" in node:
            only("string", f"len({v}) <= {int(node['maxLength'])}")
        if "pattern" in node:
            only("string", f"{self.constant(re.compile(node['pattern']))}.search({v}) is not None")
        if "format" in node:
            only("string", f"_conforms({v}, {node['format']!r})")
        if "minimum" in node:
            only("number", f"{v} >= {self.constant(node['minimum'])}")
        if "minItems" in node:
            only("array", f"len({v}) >= {int(node['minItems'])}")
        if "items" in node:
            only("array", f"{self.array(node['items'])}({v})")
        if {"properties", "required", "additionalProperties", "propertyNames"} & set(node):
            only("object", f"{self.object(node)}({v})")
        if "anyOf" in node:
            parts.append("(" + " or ".join(self.expression(s, v) for s in node["anyOf"]) + ")")
        if "allOf" in node:
            parts.extend(self.expression(s, v) for s in node["allOf"])
        return "(" + " and ".join(parts) + ")" if parts else "True"

    def function(self, body: list[str]) -> str:
        name = f"_f{len(self.functions)}"
        self.functions.append(f"def {name}(v):\n" + "\n".join("    " + line for line in body) + "\n    return True\n")
        return name

    def array(self, items: Any) -> str:
        return self.function(["for x in v:", f"    if not {self.expression(items, 'x')}:", "        return False"])

    def object(self, node: dict[str, Any]) -> str:
        body = []
        properties = node.get("properties", {})
        if node.get("required"):
            body += [f"if not v.keys() >= {self.constant(frozenset(node['required']))}:", "    return False"]
        extra = node.get("additionalProperties", True)
        if extra is False:
            body += [f"if not v.keys() <= {self.constant(frozenset(properties))}:", "    return False"]
        elif extra is not True:  # a schema for the values of keys not in properties
            test = self.expression(extra, "x")
            body += ["for k, x in v.items():",
                     f"    if k not in {self.constant(frozenset(properties))} and not {test}:", "        return False"]
        if "propertyNames" in node:
            body += ["for x in v:", f"    if not {self.expression(node['propertyNames'], 'x')}:", "        return False"]
        for key, schema in properties.items():
            test = self.expression(schema, "x")
            if test != "True":
                body += [f"x = v.get({key!r}, _MISSING)", f"if x is not _MISSING and not {test}:", "    return False"]
        return self.function(body)


def compile_check(schema: dict[str, Any], conforms: Callable[[Any, str], bool]) -> Callable[[Any], bool]:
    """A function that says whether an instance is valid against ``schema``."""
    compiler = _Compiler(conforms)
    top = compiler.expression(schema, "v")
    source = "\n".join(compiler.functions) + f"\ndef check(v):\n    return {top}\n"
    namespace = dict(compiler.constants)
    exec(compile(source, "<schema check>", "exec"), namespace)  # our own generated code, from our own schema files
    check: Callable[[Any], bool] = namespace["check"]
    return check

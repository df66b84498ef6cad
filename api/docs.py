"""The OpenAPI schema as plain rows for the docs page. Pure: a dict in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Param:
    name: str
    where: str
    required: bool
    type: str
    description: str


@dataclass(frozen=True)
class Field:
    name: str
    type: str


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    description: str
    params: list[Param]
    fields: list[Field]


def _type(spec: dict) -> str:
    if "anyOf" in spec:
        return " | ".join(_type(s) for s in spec["anyOf"])
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if spec.get("type") == "array":
        return f"list[{_type(spec.get('items', {}))}]"
    if "enum" in spec:
        return " | ".join(str(v) for v in spec["enum"])
    return spec.get("format") or spec.get("type", "")


def _row_fields(schema: dict, response: dict) -> list[Field]:
    content = response.get("content", {}).get("application/json", {}).get("schema", {})
    name = content.get("$ref", "").rsplit("/", 1)[-1]
    components = schema.get("components", {}).get("schemas", {})
    model = components.get(name, {})
    items = model.get("properties", {}).get("items")
    if items and "$ref" in items.get("items", {}):
        model = components.get(items["items"]["$ref"].rsplit("/", 1)[-1], {})
    return [Field(k, _type(v)) for k, v in model.get("properties", {}).items()]


def endpoints(schema: dict) -> list[Endpoint]:
    found = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                Param(
                    p["name"],
                    p["in"],
                    p.get("required", False),
                    _type(p.get("schema", {})),
                    p.get("description", "") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            ]
            fields = _row_fields(schema, op.get("responses", {}).get("200", {}))
            found.append(
                Endpoint(
                    method.upper(),
                    path,
                    op.get("summary", ""),
                    op.get("description", ""),
                    params,
                    fields,
                )
            )
    return found

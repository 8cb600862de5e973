"""The API contract a feature folder's ``contracts/`` holds for a plan's endpoints and examples:
``contracts/endpoints.md``, one ``## METHOD /path`` section an endpoint (what it does, then a
``- **Label**: value`` list) and one ``## Example: name`` section an example (its request and
response in fences of its language). A small reader and writer used by the feature folder
(``_feature.py``); no plan format of its own.

Spec Kit's ``/speckit.plan`` writes "OpenAPI/GraphQL schemas" or Markdown contracts there, in no
fixed shape: a contract file is read as endpoints only when it is exactly what ``render_contract``
writes for them (so it is written back byte for byte); every other file is carried whole.
"""

from __future__ import annotations

import re

from .._markdown import code_fence
from .._model import Api, ApiExample, Endpoint
from .speckit_research import heading_lines

__all__ = ["CONTRACT", "read_contract", "render_contract"]

CONTRACT = "contracts/endpoints.md"
"""The contract file a new feature folder's endpoints are written to."""

# Each labelled field of an endpoint and its label, in the order written.
LABELS = {
    "method": "Method",
    "change_type": "Change",
    "auth": "Auth",
    "input": "Input",
    "output": "Output",
    "errors": "Errors",
    "current_behavior": "Current behavior",
    "new_behavior": "New behavior",
    "breaking": "Breaking",
}
_BY_LABEL = {label: name for name, label in LABELS.items()}
_ITEM = re.compile(r"^- \*\*(?P<label>[^*\n]+)\*\*: ?(?P<rest>.*)$")
_METHOD = re.compile(r"[A-Z]+")
_TITLE = re.compile(r"^# API Contracts(?:: (?P<title>.*))?$")
_EXAMPLE = re.compile(r"^Example(?:: (?P<name>.*))?$")
_CODE = r"(?P<{0}f>`{{3,}})(?P<{0}l>[^\n`]*)\n(?P<{0}>.*?)\n(?P={0}f)"
_BODY = re.compile(
    rf"\A(?:Request:\n\n{_CODE.format('request')})?(?:\n\n)?(?:Response:\n\n{_CODE.format('response')})?\Z", re.DOTALL
)


def _item(label: str, value: str) -> str:
    # A value of several lines (a list) starts on the line under its label, indented as the item's.
    first, *rest = ["", *value.split("\n")] if "\n" in value or value.startswith(("- ", "* ")) else [value]
    return "\n".join([f"- **{label}**: {first}".rstrip(), *("  " + line if line else line for line in rest)])


def _endpoint(endpoint: Endpoint) -> str:
    # A heading ``POST /x`` reads back as its method and path; another method is written as a label.
    plain = bool(_METHOD.fullmatch(endpoint.method)) and bool(endpoint.path) and "\n" not in endpoint.path
    heading = f"{endpoint.method} {endpoint.path}" if plain else endpoint.path
    parts = [f"## {heading}"]
    if endpoint.description:
        parts.append(endpoint.description)
    items = [
        _item(label, getattr(endpoint, name))
        for name, label in LABELS.items()
        if getattr(endpoint, name) and not (name == "method" and plain)
    ]
    if items:
        parts.append("\n".join(items))
    return "\n\n".join(parts)


def _example(example: ApiExample) -> str:
    parts = [f"## Example: {example.name}" if example.name else "## Example"]
    if example.request:
        parts.append("Request:\n\n" + code_fence(example.request, example.language))
    if example.response:
        parts.append("Response:\n\n" + code_fence(example.response, example.language))
    return "\n\n".join(parts)


def render_contract(title: str, api: Api) -> str:
    """``api``'s endpoints and examples as a contract file's text."""
    parts = [f"# API Contracts: {title}" if title else "# API Contracts"]
    parts += [_endpoint(endpoint) for endpoint in api.endpoints]
    parts += [_example(example) for example in api.examples]
    return "\n\n".join(parts) + "\n"


def _read_endpoint(heading: str, body: list[str]) -> Endpoint:
    start = next((number for number, line in enumerate(body) if _ITEM.match(line)), len(body))
    values: dict[str, list[str]] = {}
    current: list[str] = []
    for line in body[start:]:
        item = _ITEM.match(line)
        name = _BY_LABEL.get(item.group("label")) if item else None
        if item and name is not None and name not in values:
            current = values[name] = [item.group("rest")]
        else:
            current.append(line[2:] if line.startswith("  ") else line)
    fields = {name: "\n".join(lines).strip() for name, lines in values.items()}
    method, _, path = heading.partition(" ")
    if "method" not in fields and _METHOD.fullmatch(method) and path:
        fields["method"] = method
    else:
        path = heading
    return Endpoint(path=path, description="\n".join(body[:start]).strip(), **fields)


def read_contract(text: str) -> tuple[str, Api] | None:
    """The title and endpoints and examples of a contract file ``render_contract`` wrote; ``None`` for
    any other text (a contract in another shape, which the folder carries whole)."""
    lines = text.split("\n")
    title = _TITLE.match(lines[0])
    if title is None:
        return None
    headings = [(number, heading) for number, level, heading in heading_lines(lines) if level == 2]
    endpoints: list[Endpoint] = []
    examples: list[ApiExample] = []
    for index, (number, heading) in enumerate(headings):
        end = headings[index + 1][0] if index + 1 < len(headings) else len(lines)
        body = lines[number + 1 : end]
        example = _EXAMPLE.match(heading)
        if example is None:
            endpoints.append(_read_endpoint(heading, body))
            continue
        match = _BODY.match("\n".join(body).strip("\n"))
        if match is None:
            return None
        examples.append(
            ApiExample(
                name=example.group("name") or "",
                request=match.group("request") or "",
                response=match.group("response") or "",
                language=match.group("requestl") or match.group("responsel") or "",
            )
        )
    found = (title.group("title") or "", Api(endpoints=tuple(endpoints), examples=tuple(examples)))
    return found if render_contract(*found) == text else None

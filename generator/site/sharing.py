"""What a record tells search engines and link previews: schema.org JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from ..content.model import Record

SCHEMA_TYPES = {
    "circulars": "Article", "orders": "Legislation", "plans": "Report", "qa": "QAPage",
    "activities": "NewsArticle", "events": "Event", "meetings": "Report",
    "documents": "DigitalDocument", "groups": "AdministrativeArea",
    "provinces": "AdministrativeArea", "agencies": "GovernmentOrganization",
}  # fmt: skip


def jsonld(record: Record, description: str) -> dict[str, Any]:
    """The schema.org description of a record."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": SCHEMA_TYPES[record.type]}
    if record.type == "qa":
        data["mainEntity"] = {
            "@type": "Question", "name": record.title,
            "acceptedAnswer": {"@type": "Answer", "text": record.data["answer"]},
        }  # fmt: skip
        return data
    data["name"] = record.title
    if description:
        data["description"] = description
    if record.type == "events":
        data["startDate"] = record.data["start"].iso()
        if "end" in record.data:
            data["endDate"] = record.data["end"].iso()
        if "location" in record.data:
            data["location"] = {"@type": "Place", "name": record.data["location"]}
    elif record.date is not None:
        data["datePublished"] = record.date.iso()
    if "issuer" in record.data:
        data["publisher"] = {"@type": "GovernmentOrganization", "name": record.data["issuer"]}
    if record.type == "orders":
        data["legislationIdentifier"] = record.data["number"]
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element (no `</script>`, no `<!--`)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

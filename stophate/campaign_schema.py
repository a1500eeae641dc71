"""The schema of site.yaml's campaign: the week and its ready-to-post messages (campaign.py uses them)."""

from __future__ import annotations

from . import fields as f
from .fields import Ctx, Field, Schema
from .models import Campaign, CampaignMessage
from .sourcefile import Node


def hashtag(node: Node, ctx: Ctx) -> str:
    value = f.scalar_text(node, "a hashtag")
    if not value.startswith("#") or len(value) < 2 or not value[1:].replace("_", "").isalnum():
        raise f.FieldError(f'"{value}" is not a hashtag', 'write # then letters and numbers only, like "#stophateWV"')
    return value


MESSAGE = Schema("message", (
    Field("text", f.text, required=True, doc="the post, in plain words; the link and hashtags are added to it",
          example="Hate is never OK. If it happens to you, you can report it."),
    Field("image_text", f.text, required=True, doc="a few large words for the post's image",
          example="Hate is never OK"),
    Field("link", f.site_path, default="/report/", doc="the page of this site the post links to", example="/report/"),
), CampaignMessage, doc="a ready-to-post message", keeps_positions=True)

CAMPAIGN = Schema("campaign", (
    Field("name", f.text, required=True, doc="campaign name", example="Hate Crime Awareness Week"),
    Field("hashtags", f.list_of(f.text), default=(), doc="hashtags for share links", example='["#NationalHCAW"]'),
    Field("starts", f.date, doc="first day this year (default: the second Saturday of October)",
          example="2027-10-09"),
    Field("ends", f.date, doc="last day this year (default: a week later)", example="2027-10-16"),
    Field("local_hashtag", hashtag, doc="this area's own hashtag, added to every ready-to-post message",
          example='"#stophateWV"'),
    Field("messages", f.list_of(f.record(MESSAGE)), default=(), doc="ready-to-post messages for the campaign kit",
          example="[{text: ..., image_text: ...}]"),
), Campaign, doc="the campaign")

"""site.yaml's schema: the site, its languages, the reporting routes, the menu and the council's contact.

Every sentence a resident reads here (a route's title, when to use it and what happens next, a contact's label and
note, the tagline, a menu link's text) may be given once per language, as the listings' texts are (localtext.py);
names, numbers and addresses stay as written, in one form for every language.
"""

from __future__ import annotations

from . import fields as f
from .campaign_schema import CAMPAIGN, MESSAGE
from .fields import Field, Schema
from .language_tags import language_tag
from .localtext import PER_LANGUAGE, local_text
from .models import Council, Language, NavLink, ReportRoute, Site
from .schema import ADDRESS, CHECKED, CONTACT, ID, VERIFIED

ROUTE = Schema("reporting route", (
    ID,
    Field("title", local_text, required=True, doc="short heading" + PER_LANGUAGE, example="In an emergency"),
    Field("when", local_text, required=True, doc="when to use this route" + PER_LANGUAGE,
          example="Someone is in danger now."),
    Field("next", local_text, required=True, doc="what happens after you report" + PER_LANGUAGE,
          example="Police come quickly."),
    Field("contacts", f.list_of(f.record(CONTACT)), default=(), doc="numbers and links",
          example='[{label: Call 999, phone: "999"}]'),
    Field("emergency", f.boolean, default=False, doc="shown first and highlighted", example="true"),
    Field("page", f.site_path, doc="a page of this site with more about this route", example="/centres/"),
    Field("page_text", local_text, doc="the text of the link to that page" + PER_LANGUAGE,
          example="Find a reporting centre"),
    VERIFIED, CHECKED,
), ReportRoute, doc="a reporting route", keeps_positions=True)


NAV = Schema("menu link", (
    Field("title", local_text, required=True, doc="link text, where the page it leads to has no title of its own "
          "in a language" + PER_LANGUAGE, example="How to report"),
    Field("url", f.site_path, required=True, doc="a path on this site", example="/report/"),
), NavLink, doc="a menu link", keeps_positions=True)

LANGUAGE = Schema("language", (
    Field("code", language_tag, required=True, doc="a language code (BCP 47)", example="pa"),
    Field("name", f.text, doc="the language's name in itself (default: from CLDR)", example="ਪੰਜਾਬੀ"),
    Field("dir", f.choice(("ltr", "rtl")), doc="text direction (default: from CLDR)", example="rtl"),
    Field("reviewed", f.boolean, default=False,
          doc="true once a fluent speaker has checked the translation; false tells readers it is a draft",
          example="true"),
), Language, doc="a language")

COUNCIL = Schema("council", (
    Field("name", f.text, required=True, doc="the council's name", example="City of Wolverhampton Council"),
    Field("team", f.text, doc="the team that answers, once confirmed", example="Community Safety Team"),
    Field("address", f.record(ADDRESS), doc="lines, town, postcode", example="{postcode: WV1 1SH}"),
    Field("phone", f.phone, doc="a confirmed phone number, in quotes", example='"01902 000000"'),
    Field("email", f.email, doc="a confirmed e-mail address", example="safer@example.gov.uk"),
    Field("website", f.https_url, doc="the council's page about this", example="https://www.example.gov.uk/"),
    Field("source", f.text, required=True, doc="where these details were read, so they can be checked again",
          example="the council's page about Stop Hate WLV"),
    VERIFIED, CHECKED,
), Council, doc="the council's contact")

SITE = Schema("site", (
    Field("name", f.text, required=True, doc="site name", example="Stop Hate WLV"),
    Field("base_url", f.https_url, required=True, doc="where the site is published",
          example="https://stophatewv.net/"),
    Field("tagline", local_text, default="", doc="one line under the name" + PER_LANGUAGE,
          example="Report hate crime. Get support."),
    Field("language", language_tag, default="en-GB",
          doc="the language of a one-language site (a site with more writes languages instead)", example="en-GB"),
    Field("languages", f.list_of(f.record(LANGUAGE)), default=(),
          doc="every language of the site, the default first (published at /, the others under /<code>/)",
          example="[{code: en-GB}, {code: pa, name: ਪੰਜਾਬੀ}]"),
    Field("area", f.text, default="", doc="the place the site serves", example="Wolverhampton"),
    Field("police_force", f.text, default="", doc="the local police force", example="West Midlands Police"),
    Field("exit_url", f.https_url, default="https://www.bbc.co.uk/weather",
          doc='where "Exit this page" goes: a neutral page', example="https://www.bbc.co.uk/weather"),
    Field("partners", f.list_of(f.text), default=(), doc="organisations behind the site",
          example="[City of Wolverhampton Council]"),
    Field("nav", f.list_of(f.record(NAV)), default=(), doc="main menu",
          example="[{title: How to report, url: /report/}]"),
    Field("report_routes", f.list_of(f.record(ROUTE)), required=True, doc="ways to report", example="[...]"),
    Field("campaign", f.record(CAMPAIGN), doc="the awareness campaign", example="{name: Hate Crime Awareness Week}"),
    Field("council", f.record(COUNCIL), doc="the council's contact, shown on /contact/ and in every footer",
          example="{name: City of Wolverhampton Council, ...}"),
    Field("reading_grade", f.number, default=9.0, doc="warn when a page reads harder than this school grade",
          example="9"),
), Site, doc="the site settings")


SITE_SCHEMAS = (SITE, LANGUAGE, ROUTE, CONTACT, NAV, CAMPAIGN, MESSAGE, COUNCIL)

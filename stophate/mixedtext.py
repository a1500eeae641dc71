"""Text in one language inside a page in another: what language it is, which way it runs, and how it is marked.

How the language of a piece of text is known, in order:
1. written by the editor: `lang:` on a listing (the language its name and title are written in), `{: lang=ur }`
   after a Markdown heading or paragraph, `lang:` in a page's front matter;
2. a language's name written in itself (Українська, اردو, Polski), from CLDR's own names for the languages
   most spoken in England and Wales;
3. a script only one language uses (Gurmukhi is Panjabi), or the one language of the site written in that
   script (a site with Urdu and no other Arabic-script language);
otherwise the language is left unsaid rather than guessed. The direction always comes from the text itself: its
first strongly directional letter (Unicode's rule, as `dir="auto"` does in browsers).

Marked text carries `lang` when its language differs from the page's, and `dir` when its direction does; an
element with `dir` is isolated from the text around it, so punctuation stays on the right side.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from xml.etree import ElementTree

from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

# CLDR's name of each language in itself (Babel 2.18), for the languages most spoken in England and Wales.
AUTONYMS = {
    "አማርኛ": "am", "العربية": "ar", "български": "bg", "বাংলা": "bn", "čeština": "cs", "cymraeg": "cy",
    "deutsch": "de", "ελληνικά": "el", "español": "es", "فارسی": "fa", "français": "fr", "gaeilge": "ga",
    "gàidhlig": "gd", "ગુજરાતી": "gu", "עברית": "he", "हिन्दी": "hi", "magyar": "hu", "italiano": "it",
    "日本語": "ja", "ქართული": "ka", "한국어": "ko", "kurdî": "ku", "lietuvių": "lt", "latviešu": "lv",
    "മലയാളം": "ml", "नेपाली": "ne", "ਪੰਜਾਬੀ": "pa", "polski": "pl", "پښتو": "ps", "português": "pt",
    "română": "ro", "русский": "ru", "slovenčina": "sk", "soomaali": "so", "shqip": "sq", "தமிழ்": "ta",
    "ไทย": "th", "ትግርኛ": "ti", "türkçe": "tr", "українська": "uk", "اردو": "ur", "tiếng việt": "vi",
    "èdè yorùbá": "yo", "中文": "zh",
}
# Scripts that, among the languages residents of England write, belong to one language only.
SCRIPT_LANGUAGES = {"GURMUKHI": "pa", "GUJARATI": "gu", "TAMIL": "ta", "MALAYALAM": "ml", "GREEK": "el",
                    "GEORGIAN": "ka", "THAI": "th", "HANGUL": "ko", "SINHALA": "si", "ARMENIAN": "hy"}
RTL_LANGUAGES = {"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"}


def direction(text: str) -> str:
    """rtl or ltr from the first strongly directional letter; "" for text with none (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return ""


def script(text: str) -> str:
    """The script of the first letter, by its Unicode name: LATIN, ARABIC, GURMUKHI, CYRILLIC..."""
    for char in text:
        if unicodedata.category(char).startswith("L"):
            name = unicodedata.name(char, "")
            return "HANGUL" if name.startswith("HANGUL") else name.split(" ", 1)[0]
    return ""


def has_script(text: str, name: str) -> bool:
    """Whether any letter of the text is in the script (stops at the first one found)."""
    if name == "LATIN":
        return any(c.isascii() and c.isalpha() for c in text) or any(script(c) == name for c in text if c.isalpha())
    return any(script(c) == name for c in text if c.isalpha() and not c.isascii())


def primary(code: str) -> str:
    return code.split("-", 1)[0].lower()


def language_direction(code: str) -> str:
    return "rtl" if primary(code) in RTL_LANGUAGES else "ltr"


def page_writing(lang: str, title: str) -> tuple[str, str]:
    """A page's direction (from its language when known, else from its title) and the script of its title."""
    return (language_direction(lang) if lang else (direction(title) or "ltr")), script(title)


def scripts_of(languages: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Script -> language, from (code, own name) pairs of a site's languages: only scripts one of them uses."""
    found: dict[str, list[str]] = {}
    for code, name in languages:
        found.setdefault(script(name), []).append(code)
    return {name: codes[0] for name, codes in found.items() if len(codes) == 1 and name not in ("", "LATIN")}


def language_of(text: str, declared: str = "", site_scripts: dict[str, str] | None = None) -> str:
    """The language of a name or title: declared, a language's own name, or its script; "" when unknown."""
    if declared:
        return declared
    own = AUTONYMS.get(unicodedata.normalize("NFC", text).strip().casefold())
    if own:
        return own
    written_in = script(text)
    return SCRIPT_LANGUAGES.get(written_in) or (site_scripts or {}).get(written_in, "")


def attributes(text: str, lang: str, page_lang: str, page_dir: str) -> dict[str, str]:
    """The lang and dir a piece of text needs inside a page: only what differs from the page. Text known to be in
    the page's own language needs neither, whatever letter it starts with (an Urdu sentence opening with the name
    True Vision runs right to left all the same)."""
    if lang and primary(lang) == primary(page_lang):
        return {}
    marks: dict[str, str] = {}
    if lang and primary(lang) != primary(page_lang):
        marks["lang"] = lang
    text_dir = direction(text) or (language_direction(lang) if lang else "")
    if text_dir and text_dir != page_dir:
        marks["dir"] = text_dir
    return marks


def mark(text: str, lang: str, page_lang: str, page_dir: str) -> Markup:
    """The text, escaped, in a <span lang dir> when it needs marking inside the page."""
    marks = attributes(text, lang, page_lang, page_dir)
    if not marks:
        return escape(text)
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in marks.items())
    return Markup(f"<span{attrs}>{escape(text)}</span>")


# Elements whose text is read as one piece: a heading, a paragraph, a list item, a table cell; and the inline
# elements that hold a name or a number inside them (a phone number in a right-to-left sentence must stay in order).
BLOCKS = {"h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "caption", "blockquote", "dt", "dd"}
INLINE = {"a", "strong", "em", "b", "i", "code", "span"}


def mark_blocks(element: ElementTree.Element, page_lang: str, page_dir: str, page_script: str) -> None:
    """Give each block of Markdown output written in another language or direction its lang and dir.

    A block with any word in the page's own script is in the page's language (an Urdu sentence naming True
    Vision is Urdu); the names and numbers inside it are marked as inline elements. Marks written by the editor
    (`{: lang=ur }`) are kept, and complete what detection cannot know."""
    for child in element:
        lang, text_dir, child_script = page_lang, page_dir, page_script
        if child.tag in BLOCKS or child.tag in INLINE:
            text = "".join(child.itertext())
            found: dict[str, str] = {}
            if child.get("lang") or not (child.tag in BLOCKS and page_script and has_script(text, page_script)):
                found = attributes(text, language_of(text, child.get("lang", "")), page_lang, page_dir)
            if child.tag in INLINE and not direction(text) and page_dir == "rtl" and any(c.isdigit() for c in text):
                found["dir"] = "ltr"  # 0800 555 111 would otherwise read 111 555 0800
            for name, value in found.items():
                child.set(name, child.get(name) or value)
            if found:
                lang, text_dir = child.get("lang") or page_lang, child.get("dir") or page_dir
                child_script = script(text)
        mark_blocks(child, lang, text_dir, child_script)


class MixedText(Treeprocessor):
    """Markdown's last step: headings, paragraphs and cells in another language or script get lang and dir."""

    page_lang = ""
    page_dir = ""
    page_script = ""

    def run(self, root: ElementTree.Element) -> None:
        mark_blocks(root, self.page_lang, self.page_dir, self.page_script)

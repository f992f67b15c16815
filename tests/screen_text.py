"""What a page shows as text, and the wording that must never be on screen.

Developer text (a block's code name such as "budget_chart", a placeholder such as "kommer
senare", a Python value such as "None"), English words in the Swedish interface, "ner" where
Swedish writing says "ned", a word written twice ("och och"), a section's name capitalised
inside a sum ("Summa Intäkter"), and a date that a line may break inside ("1 januari" on
one line, "2014" on the next). Text is read node by node, so two table cells side by side
are not one doubled word; a date is safe inside an element whose class says `nowrap` (the
`nowrap` template filter puts it there).
"""

import re
from html.parser import HTMLParser

WHITESPACE = re.compile(r"[ \t\r\n]+")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# English interface words a Swedish page has no reason to show (whole words, case as shown).
ENGLISH = re.compile(
    r"\b(?:None|True|False|Save|Delete|Cancel|Edit|Submit|Loading|Error|Search|Previous|Next|"
    r"Select|Choose|Upload|Download|Settings|Username|Password|Log ?out|Log ?in|Yes|Back|"
    r"Add|Remove|Close|Open|Show|Hide|Budget line|Amount|Column|Section|Report|Member|"
    r"Initiative|Goal|Outcome|Draft|Adopted|Status|Total|Untitled|TODO|FIXME|lorem)\b"
)
NER = re.compile(r"\bner\b", re.IGNORECASE)
DOUBLED = re.compile(r"\b([^\W\d_]{2,})\s+\1\b", re.IGNORECASE)
LATER = re.compile(r"kommer senare", re.IGNORECASE)
# "Summa intäkter": a section's name inside a sum is written in lower case.
SUM_OF = re.compile(r"\bSumma [A-ZÅÄÖ][a-zåäö]+")
MONTH = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)"
)
# A date with an ordinary space inside: "1 januari 2014", "2014-01-01 14:30".
BREAKABLE_DATE = re.compile(
    rf"\b\d{{1,2}} {MONTH} \d{{4}}\b|\b\d{{4}}-\d\d-\d\d \d\d:\d\d\b", re.IGNORECASE
)
# A date the page itself shows (a table cell, a heading, a stamp) stands in a short text;
# a date inside a paragraph of prose breaks as the prose does.
SHORT = 60
# "Total" is Swedish too, but only in lower case ("total", "totalt"); "Status" is Swedish.
SWEDISH_TOO = {"Status", "Total"}
SKIPPED = {"script", "style", "code", "pre", "textarea", "kbd", "samp"}
# A report is laid out as its printed pages: its dates break as the document's text does.
DOCUMENT = "report"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, date may not break
        self.nodes: list[tuple[str, bool]] = []  # text, date may not break

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source", "col"):
            return
        classes = (dict(attrs).get("class") or "").split()
        skipped = tag in SKIPPED or (self.stack and self.stack[-1][1])
        nowrap = bool({"nowrap", DOCUMENT} & set(classes)) or bool(self.stack and self.stack[-1][2])
        self.stack.append((tag, bool(skipped), nowrap))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][1]:
            return
        text = WHITESPACE.sub(" ", data).strip(" ")  # a no-break space stays what it is
        if text:
            self.nodes.append((text, bool(self.stack and self.stack[-1][2])))


def text_nodes(html: str) -> list[tuple[str, bool]]:
    """The page's text, node by node, each with whether it may not break (`nowrap`)."""
    parser = _Text()
    parser.feed(html)
    return parser.nodes


def problems(html: str, code_names: frozenset[str] = frozenset()) -> list[str]:
    """What the page shows that it should not, each with the text it was found in;
    `code_names` are keys that are single words ("introduction"), found only as a whole text."""
    found = []
    for text, nowrap in text_nodes(html):
        if text in code_names:
            found.append(f"code name {text!r}")
        for pattern, what in (
            (SNAKE, "code name"),
            (NER, "”ner” (skriv ”ned”)"),
            (DOUBLED, "doubled word"),
            (LATER, "placeholder"),
            (SUM_OF, "capital inside a sum"),
        ):
            if match := pattern.search(text):
                found.append(f"{what} {match.group(0)!r} in {text[:120]!r}")
        english = [m for m in ENGLISH.findall(text) if m not in SWEDISH_TOO]
        if english:
            found.append(f"English {english[0]!r} in {text[:120]!r}")
        if not nowrap and len(text) <= SHORT and (match := BREAKABLE_DATE.search(text)):
            found.append(f"date that may break {match.group(0)!r} in {text[:120]!r}")
    return found

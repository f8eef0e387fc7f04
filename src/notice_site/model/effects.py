"""What an amending notice does to another: its effects, as data (measures.yaml's
`effects:`), and an effect as the amended notice receives it (an Amendment, naming the
notice that made it).

    将第三条修订为：“…”               replace   the provision's text
    将第四条第一项修订为：“…”           replace   one list item (第Y项) of it
    将第五条第一款修订为：“…”           replace   one paragraph (第Y款) of it
    由“A”修改为“B”                    replace   the words A by B (old: A), where they stand
    删除第六条 / 删除“A”               delete    a provision (its page stays, marked 已删除) or words
    在第X条后增加一条/一款：“…”         insert    a provision or a paragraph after the target
    …同时废止 / …予以废止              repeal    the whole notice
    (a consolidated text attached)    replace_notice   the whole notice, by this one

A target names a notice of the same site by its slug (`notice`), and within it a provision
by its address (the path of its page: 3, 1-3, d2-3), then where the amendment says so a
paragraph (第Y款: its paragraphs that are not list items, from 1), a list item (第Y项: its
list items, from 1) or a sentence (from 1). A document the site does not publish is named
as the text names it (`document`), with no `notice`: the effect is recorded and shown on
the amending notice's pages, and changes nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Callable

# The kinds of effect, as data writes them.
KINDS = ("replace", "insert", "delete", "repeal", "replace_notice")
# The kinds that act on the whole notice, with no provision.
WHOLE = ("repeal", "replace_notice")
# The status each whole-notice kind gives the notice it acts on (Document.STATUSES), and
# the status any other effect gives it.
STATUS = {"repeal": "repealed", "replace_notice": "replaced"}
AMENDED = "amended"


@dataclass(frozen=True)
class Target:
    """Where an effect acts: a notice of the site (its slug; "" for a document not
    published here), a provision of it (its address; "" for the whole notice), and within
    the provision a paragraph (第Y款), a list item (第Y项) or a sentence, each from 1 (0:
    not named)."""

    notice: str = ""
    provision: str = ""
    paragraph: int = 0
    item: int = 0
    sentence: int = 0

    PARTS: ClassVar[tuple[str, ...]] = ("paragraph", "item", "sentence")

    @property
    def part(self) -> tuple[str, int] | None:
        """The part of the provision named, ("item", 1); None for the whole provision."""
        for name in self.PARTS:
            if getattr(self, name):
                return name, getattr(self, name)
        return None


@dataclass(frozen=True)
class Effect:
    """One change an amending notice makes (measures.yaml's `effects:` lists them).

    `document` names the amended document as the amending text does (《…》, 海关总署公告
    2023年第60号); `by` is the address of the amending notice's provision that makes the
    change ("" where its text as a whole does); `old` the words replaced or deleted where
    the amendment quotes them (由“A”修改为“B”: A), which must be the target's; `clauses`
    and `breaks` the new text as a provision's (one sentence each; the sentences that open
    a paragraph after the first), for replace and insert; `label` and `title` an inserted
    provision's (第三条之一); `effective`, the day it takes effect, where it is not the
    amending notice's (ISO 8601)."""

    kind: str
    document: str
    target: Target
    by: str = ""
    old: str = ""
    clauses: tuple[str, ...] = ()
    breaks: tuple[int, ...] = ()
    label: str = ""
    title: str = ""
    effective: str = ""

    @property
    def text(self) -> str:
        return "".join(self.clauses)

    def takes_effect(self, amending: str) -> str:
        """The day it takes effect: its own date, else `amending`, the day the amending
        notice takes effect (Document.in_effect_from)."""
        return self.effective or amending

    def converted(self, convert: Callable[[str], str]) -> Effect:
        return replace(
            self,
            document=convert(self.document),
            old=convert(self.old),
            clauses=tuple(convert(c) for c in self.clauses),
            label=convert(self.label),
            title=convert(self.title),
        )


@dataclass(frozen=True)
class Amendment:
    """An effect as the notice it acts on receives it: with the amending notice's slug,
    title and 文号, the citation of its provision that makes it (第一条; "" for its text as
    a whole), the day it takes effect, and where it stands among the amending notice's
    effects (from 0: a message about it names the line there)."""

    effect: Effect
    slug: str
    title: str
    number: str
    by: str
    date: str
    index: int = 0

    def converted(self, convert: Callable[[str], str]) -> Amendment:
        return replace(
            self,
            effect=self.effect.converted(convert),
            title=convert(self.title),
            number=convert(self.number),
            by=convert(self.by),
        )

"""The effects an amending notice's text states (model.effects), as the importer proposes
them for the editor to confirm in measures.yaml: what the text says it changes (`read`),
and which notice of the site, and which provision of it, each acts on (`resolve`).

    将第三条修订为：“第三条　…”              replace  the provision (the label opening the quotation left out)
    将第三条第二款修改为：“…”                replace  its paragraph 2 (第Y款); 第四条第二项: its list item 2
    将第五条中的“A”修改为“B”                 replace  the words A by B (old: A); also 由“A”修改为“B”
    “A”申报项目名称调整为“B”                 replace  likewise (a renaming)
    删除第二条 / 删除第三条第二款             delete   the provision, or its paragraph or item
    删除“A”“B” / 将第二条中的“A”删除          delete   the words, one effect each (old)
    在第三条后增加一条/一款/一项：“…”          insert   after the provision (a paragraph or item: after its last one)
    …同时废止 / …予以废止 / 下列公告同时废止：  repeal   each document named just before (or listed after)

The new text may be quoted over several paragraphs of the source (an article replaced by
two paragraphs): a quotation left open at a paragraph's end goes on in the next, whose
opening “ only marks that it goes on. Words in quotation marks are never read as phrasings.

The amended document (`Effect.document`) is the citation the text gives nearest before the
phrasing: 《title》 (with the 文号 in brackets after it, where there is one) or a 文号
(海关总署公告2023年第60号, 公告〔2023〕60号, 海关总署、农业农村部2023年联合公告第26号),
in the provision; where it names none before it, the document the provisions before it
amend (else the one they, or the preamble, name last). A repeal names the documents in its
own clause (or those listed after 废止：). `by` is the provision making the change (its key; "" for
the notice's closing paragraphs).

A proposal is resolved where one notice of the site has the cited 文号 (its kind, year and
number: vocabulary.same_number) or the cited title, and has the provision cited
(references.named: 第三条 by its label); else the effect names no notice and the proposal
says why, for a to-do comment above it in measures.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from notice_site.model.effects import WHOLE, Effect, Target
from notice_site.model.notice import Notice
from notice_site.model.numerals import NUMERAL, chinese_numeral, label_number
from notice_site.model.references import named, quoted
from notice_site.model.tree import Measure
from notice_site.reading.vocabulary import (
    PUBLISHED_TITLE,
    numbers_in,
    quotations,
    same_number,
    split_clauses,
)

# A quotation stands in the text the phrasings are read in as one character of Unicode's
# private use area (the k-th quotation of the text: _FIRST + k).
_FIRST = 0xE000
_Q = "[\ue000-\uf8ff]"
_N = f"[{NUMERAL}\\d]+"
# A provision as an amendment cites it: 第三条, 第三条之一, 第三条第二款, 第四条第二项.
_CITED = f"第{_N}条(?:之{_N})?(?:第{_N}款)?(?:第{_N}项)?"
_PARTS = re.compile(f"第({_N})条(?:之({_N}))?(?:第({_N})款)?(?:第({_N})项)?")
# What does not belong between the parts of a phrasing: a quotation, a sentence's end.
_GAP = f"[^{_Q[1:-1]}。；\n]"
_PHRASINGS = {
    "replace": re.compile(f"(?P<t>{_CITED}){_GAP}{{0,8}}?(?:修订|修改|修正|改)为[：:]?(?P<q>{_Q})"),
    "reword": re.compile(
        f"(?P<old>{_Q})[^{_Q[1:-1]}。；，\n的]{{0,10}}?(?:修订|修改|调整|更改|改)为[：:]?(?P<q>{_Q})"
    ),
    "delete": re.compile(f"(?:删除|删去)(?P<ts>{_CITED}(?:[、和及]{_CITED})*)(?=[。；，\n]|$)"),
    "delete_words": re.compile(f"(?:删除|删去){_GAP}{{0,12}}?(?P<qs>{_Q}(?:[、和及]?{_Q})*)"),
    "words_deleted": re.compile(f"将{_GAP}{{0,12}}?(?P<qs>{_Q}(?:[、和及]?{_Q})*)(?:删除|删去)"),
    "insert": re.compile(
        f"在(?P<t>{_CITED})之?后(?:增加|增设|新增|增写|补充|加入)[一二两三四五六七八九十]?"
        f"(?P<unit>条|款|项){_GAP}{{0,16}}?[：:]?(?P<q>{_Q})"
    ),
    "repeal": re.compile("废止"),
}
# A new article's label opening its quotation: 第三条之一
_LABEL = re.compile(f"(第{_N}条(?:之{_N})?)[ \u3000]*")
# The words that end a clause (the words a repeal names its documents in).
_CLAUSE_ENDS = "。；：，\n:;,"
_TITLED = re.compile(r"《[^《》]+》")
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
KIND_WORDS = {
    "replace": "修改",
    "insert": "增加",
    "delete": "删除",
    "repeal": "废止",
    "replace_notice": "全文替换",
}


@dataclass(frozen=True)
class Cited:
    """A provision as an amending text cites it (第三条第二款: `words`), its numbers; all 0
    where the text cites none."""

    words: str = ""
    article: int = 0
    after: int = 0  # 第三条之一: 1
    paragraph: int = 0
    item: int = 0

    @classmethod
    def of(cls, words: str) -> Cited:
        m = _PARTS.fullmatch(words)
        if m is None:
            return cls()
        numbers = [label_number(g) or 0 if g else 0 for g in m.groups()]
        return cls(words, *numbers)


@dataclass(frozen=True)
class Proposal:
    """One effect the text states, as proposed: the effect (naming no notice until
    resolved), the provision making it as the text labels it (`at`: 一、, 第二条, 正文),
    the target as cited, what an insert adds (条, 款 or 项), and `todo`: what the editor
    has to check or write (the notice or provision not found, old words not found)."""

    effect: Effect
    at: str
    cited: Cited = Cited()
    adds: str = ""
    todo: str = ""

    @property
    def written(self) -> bool:
        """It goes into measures.yaml: the text names the document it acts on (an effect
        names one); else it is printed only, for the editor to write by hand."""
        return bool(self.effect.document)


def proposals(
    notice: Notice, notices: Sequence[Notice] = (), site: str = ""
) -> tuple[Proposal, ...]:
    """The effects the text of `notice` states, resolved among `notices` (those of the site
    file `site`; none: no site file)."""
    return resolve(read(notice), notices, site)


def read(notice: Notice) -> tuple[Proposal, ...]:
    """The effects the text of `notice` states, in reading order: its provisions, then its
    closing paragraphs; none resolved."""
    found: list[Proposal] = []
    context = _last_citation(_masked("\n".join(notice.document.preamble))[0], "")
    for measure in notice.measures:
        at = measure.mark.strip(" \u3000") or "正文"
        text = "\n".join(p.text for p in measure.paragraphs)
        context = _read(text, measure.key, at, context, found)
    _read("\n".join(notice.document.closing), "", "closing", context, found)
    return tuple(found)


def _read(text: str, by: str, at: str, context: str, found: list[Proposal]) -> str:
    """Add the effects `text` states to `found`; the document the text after it amends
    where it names none: the one this text amends last, else the one it names last, else
    `context`."""
    masked, quotes = _masked(text)
    first = len(found)
    matches: list[tuple[int, int, str, re.Match[str]]] = []
    for name, pattern in _PHRASINGS.items():
        matches.extend((m.start(), -m.end(), name, m) for m in pattern.finditer(masked))
    taken = 0
    for start, end, name, m in sorted(matches):
        if start < taken:
            continue  # inside a phrasing read already
        taken = -end
        document = _last_citation(masked[:start], context)
        clause = masked[_clause_start(masked, start, ".。；\n") : start]
        effect = Effect("replace", document, Target(), by)
        if name == "replace":
            cited = Cited.of(m["t"])
            clauses, breaks, _ = _new_text(
                quotes[m["q"]], strip_label=not cited.paragraph and not cited.item
            )
            if clauses:
                found.append(Proposal(replace(effect, clauses=clauses, breaks=breaks), at, cited))
        elif name == "reword":
            new = "".join(quotes[m["q"]])
            cited = _nearest_cited(clause)
            old = "".join(quotes[m["old"]])
            if old.strip() and new.strip():
                found.append(Proposal(replace(effect, old=old, clauses=(new,)), at, cited))
        elif name == "delete":
            for words in re.findall(_CITED, m["ts"]):
                found.append(Proposal(replace(effect, kind="delete"), at, Cited.of(words)))
        elif name in ("delete_words", "words_deleted"):
            cited = _nearest_cited(
                masked[_clause_start(masked, m.start("qs"), "。；\n") : m.start("qs")]
            )
            for q in m["qs"]:
                if q in quotes and "".join(quotes[q]).strip():
                    old = "".join(quotes[q])
                    found.append(Proposal(replace(effect, kind="delete", old=old), at, cited))
        elif name == "insert":
            cited = Cited.of(m["t"])
            clauses, breaks, label = _new_text(quotes[m["q"]], strip_label=m["unit"] == "条")
            as_label = re.search(f"作为({_CITED})", m.group())
            label = label or (as_label.group(1) if as_label else "")
            effect = replace(effect, kind="insert", clauses=clauses, breaks=breaks, label=label)
            if clauses:
                found.append(Proposal(effect, at, cited, m["unit"]))
        else:  # repeal: the documents its clause names, or those listed after 废止：
            end_at = m.end()
            if masked[end_at : end_at + 1] in ("：", ":") or masked.startswith("如下", end_at):
                named_docs = _citations(masked[end_at:])
            else:
                named_docs = _citations(masked[_clause_start(masked, start, _CLAUSE_ENDS) : start])
            for _, _, words in named_docs:
                found.append(Proposal(Effect("repeal", words, Target(), by), at))
    stated = found[first:]
    if not stated:
        return _last_citation(masked, context)
    # the document this text amends goes on being amended after it (a document it names
    # after its last phrasing, or one it repeals, is not that document)
    amended = [p.effect.document for p in stated if p.effect.kind != "repeal"]
    return amended[-1] if amended else context


def _masked(text: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    """`text` with each of its quotations (vocabulary.quotations) standing as one
    character, and each such character's quotation, paragraph by paragraph; a quotation
    never closed is left as it is."""
    out: list[str] = []
    quotes: dict[str, tuple[str, ...]] = {}
    at = 0
    for start, end, paragraphs in quotations(text)[0]:
        mark = chr(_FIRST + len(quotes))
        quotes[mark] = paragraphs
        out += [text[at:start], mark]
        at = end
    out.append(text[at:])
    return "".join(out), quotes


def _new_text(
    paragraphs: tuple[str, ...], *, strip_label: bool
) -> tuple[tuple[str, ...], tuple[int, ...], str]:
    """A quotation as a provision's text: its sentences (split as the importer splits a
    provision's), the sentences that open a paragraph after the first, and the label that
    opens it (第三条之一) where `strip_label` says a label may (left out of the text)."""
    texts = [p.strip() for p in paragraphs if p.strip()]
    label = ""
    if strip_label and texts:
        m = _LABEL.match(texts[0])
        if m and texts[0][m.end() :].strip():
            label, texts[0] = m.group(1), texts[0][m.end() :].strip()
    clauses: list[str] = []
    breaks: list[int] = []
    for paragraph in texts:
        if clauses:
            breaks.append(len(clauses) + 1)
        clauses.extend(split_clauses(paragraph))
    return tuple(clauses), tuple(breaks), label


def _clause_start(masked: str, at: int, ends: str) -> int:
    """Where the clause (or sentence) holding `at` starts: after the last of `ends` before
    it outside brackets."""
    depth = 0
    for k in range(at - 1, -1, -1):
        c = masked[k]
        if c in "）)":
            depth += 1
        elif c in "（(":
            depth = max(depth - 1, 0)
        elif depth == 0 and c in ends:
            return k + 1
    return 0


def _nearest_cited(before: str) -> Cited:
    """The last provision cited in `before` (the words of a clause before a quotation)."""
    cited = re.findall(_CITED, before)
    return Cited.of(cited[-1]) if cited else Cited()


def _citations(masked: str) -> list[tuple[int, int, str]]:
    """The documents `masked` (a text, its quotations masked) cites, in order, as (start,
    end, the words): 《title》 with a bracket holding its 文号 after it, or a 文号 with its
    issuer."""
    found: list[tuple[int, int, str]] = []
    for m in _TITLED.finditer(masked):
        end = m.end()
        bracket = _BRACKETED.match(masked, end)
        if bracket and numbers_in(bracket.group()):
            end = bracket.end()
        found.append((m.start(), end, masked[m.start() : end]))
    for start, end, _ in numbers_in(masked):
        if not any(a <= start < b for a, b, _ in found):
            found.append((start, end, masked[start:end]))
    return sorted(c for c in found if not re.search(_Q, c[2]))


def _last_citation(masked: str, otherwise: str) -> str:
    cited = _citations(masked)
    return cited[-1][2] if cited else otherwise


# -- resolving ---------------------------------------------------------------------------


def resolve(
    proposals: Sequence[Proposal], notices: Sequence[Notice], site: str
) -> tuple[Proposal, ...]:
    """The proposals with the notice of the site each acts on (`notices`, the notices of
    the site file `site`; none where there is no site file) and its provision's address, or
    what the editor has to write where they are not found."""
    return tuple(_resolved(p, notices, site) for p in proposals)


def cites(document: str, notice: Notice) -> bool:
    """Whether the citation `document` names `notice`: its 文号 (kind, year and number),
    or its title in 《》."""
    d = notice.document
    titles = {d.title}
    published = PUBLISHED_TITLE.fullmatch(d.title)
    if published:
        titles.add(published.group(2))
    if any(t.strip("《》") in titles for t in _TITLED.findall(document)):
        return True
    own = [key for _, _, key in numbers_in(d.number)]
    return any(same_number(key, o) for _, _, key in numbers_in(document) for o in own)


def _resolved(p: Proposal, notices: Sequence[Notice], site: str) -> Proposal:
    e = p.effect
    if not p.written:
        return replace(p, todo="the text names no document it amends: not written in "
                       "measures.yaml; add it there by hand (document: <as the text names it>)")  # fmt: skip
    target = f"{e.document}{p.cited.words}"
    by_hand = "write notice: <its slug>" + ("" if e.kind in WHOLE else ", provision: <its address>")
    if not notices:
        return replace(p, todo=f"the text cites {target}; no site file was given to find it in "
                       f"(make import SITE=<file>): where the site publishes it, {by_hand}")  # fmt: skip
    found = [n for n in notices if cites(e.document, n)]
    if len(found) > 1:
        slugs = ", ".join(n.document.slug for n in found)
        return replace(
            p,
            todo=f"the text cites {target}, which names several notices of {site} ({slugs}): {by_hand}",
        )
    if not found:
        return replace(
            p,
            todo=f"the text cites {target}, which is not a notice of {site}: recorded, this effect "
            f"changes nothing; where the site publishes it, {by_hand}",
        )
    notice = found[0]
    slug = notice.document.slug
    if e.kind in WHOLE:
        return replace(p, effect=replace(e, target=Target(slug)))
    measure, problem = _provision(p, notice)
    if measure is None:
        return replace(p, todo=f"the text cites {target}; {slug} is that notice, but {problem}: write "
                       f"notice: {slug} and provision: <its address>")  # fmt: skip
    parts, problem = _part(p, measure)
    if problem:
        return replace(p, todo=f"the text cites {target}; in {slug}, {problem}: write notice: {slug}, "
                       f"provision: {measure.key} and the part by hand")  # fmt: skip
    resolved = replace(p, effect=replace(e, target=Target(slug, measure.key, **parts)))
    if e.old:
        scope = _scope(measure, parts)
        if scope.count(e.old) != 1:
            how = "does not hold" if e.old not in scope else "holds more than once"
            return replace(resolved, todo=f"check: {slug} {measure.key} {how} the words “{e.old}”")
    return resolved


def _provision(p: Proposal, notice: Notice) -> tuple[Measure | None, str]:
    """The provision of `notice` the proposal acts on, or why there is none: the one the
    text cites (第三条, by its label), else the one holding the old words."""
    c = p.cited
    if c.article:
        if c.after:
            return None, f"{c.words} is found by hand"
        node = named(notice, c.article)
        if isinstance(node, Measure):
            return node, ""
        return None, f"it has no provision labelled 第{chinese_numeral(c.article)}条"
    if p.effect.old:
        holding = quoted(notice, p.effect.old, shortest=1)
        if holding is not None:
            return holding, ""
        return None, f"the words “{p.effect.old}” are in none of its provisions, or in several"
    return None, "the text names no provision"


def _part(p: Proposal, measure: Measure) -> tuple[dict[str, int], str]:
    """The part of `measure` the proposal names (paragraph: 第Y款, item: 第Y项; an insert
    of a 款 or 项 after the provision: after its last paragraph or item), or the problem."""
    c = p.cited
    paragraphs = [q for q in measure.paragraphs if not q.is_item]
    items = [q for q in measure.paragraphs if q.is_item]
    if c.item:
        if c.item > len(items):
            return {}, f"{measure.key} has {len(items)} list items"
        return {"item": c.item}, ""
    if c.paragraph:
        if c.paragraph > len(paragraphs):
            return {}, f"{measure.key} has {len(paragraphs)} paragraphs (款)"
        return {"paragraph": c.paragraph}, ""
    if p.adds in ("款", "项"):
        last = measure.paragraphs[-1]
        return ({"item": len(items)} if last.is_item else {"paragraph": len(paragraphs)}), ""
    return {}, ""


def _scope(measure: Measure, parts: dict[str, int]) -> str:
    if "item" in parts:
        return [q for q in measure.paragraphs if q.is_item][parts["item"] - 1].text
    if "paragraph" in parts:
        return [q for q in measure.paragraphs if not q.is_item][parts["paragraph"] - 1].text
    return measure.text

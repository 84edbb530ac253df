"""Human corrections of figures: each is an edit (who, when, before, after), replayed after re-extraction.

An edit is anchored by the span and surface of its figure. After re-extraction the figure at
the same span with the same surface gets the edit again; if the text there no longer reads as
the surface, the edit is kept and the figure is flagged for review. Nothing is silently lost.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwrtrack.errors import GwrError, StaleEditError
from gwrtrack.extract.attributes import Measure, Qualifier, Status
from gwrtrack.extract.numbers import find_tokens, split_magnitude
from gwrtrack.labels import LABELS, label
from gwrtrack.spreadsheet import xml_text
from gwrtrack.store.models import DocumentRow, EditRow, FigureRow
from gwrtrack.textview import normalise

#: Attributes a user may correct, with the values each accepts (None: free text or a number).
EDITABLE: dict[str, frozenset[str] | None] = {
    "value": None,
    "unit": None,
    "base_value": None,
    "base_unit": None,
    "value_max": None,
    "measure": frozenset(m.value for m in Measure),
    "status": frozenset(s.value for s in Status),
    "qualifier": frozenset(q.value for q in Qualifier),
    "metric": None,
    "period": None,
    "region": None,
}
NUMERIC = frozenset({"value", "base_value", "value_max"})
#: Longest text a correction may hold (a metric, a period, a region).
MAX_VALUE_CHARS = 200


class CorrectionError(GwrError):
    """A correction that cannot be applied (unknown field, bad value, bad selection)."""


class NoSuchFigure(CorrectionError):
    """The figure or document named does not exist."""


def _check(field: str, value: str) -> float | str | None:
    """The stored value of a correction; an enum field takes its code or its Chinese label (实际 → actual)."""
    value = xml_text(value)  # a control character would break every export
    if field not in EDITABLE:
        names = "、".join(label("field", f) for f in EDITABLE)
        raise CorrectionError(f"不能更正“{label('field', field)}”；可更正：{names}")
    if len(value) > MAX_VALUE_CHARS:
        raise CorrectionError(f"{label('field', field)}太长（最多 {MAX_VALUE_CHARS} 字）")
    allowed = EDITABLE[field]
    if allowed is not None:
        value = {zh: code for code, zh in LABELS[field].items()}.get(value.strip(), value.strip())
        if value not in allowed:
            options = "、".join(zh for code, zh in LABELS[field].items() if code in allowed)
            raise CorrectionError(f"{label('field', field)}须为其中之一：{options}（而不是“{value}”）")
    if field in NUMERIC:
        if value == "" and field == "value_max":
            return None
        try:
            return float(value)
        except ValueError:
            raise CorrectionError(f"{label('field', field)}须为数字，而不是“{value}”") from None
    return value


def _edit(
    fig: FigureRow,
    action: str,
    author: str,
    field: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> EditRow:
    return EditRow(
        document_id=fig.document_id,
        action=action,
        start=fig.start,
        end=fig.end,
        surface=fig.surface,
        field=field,
        before=before,
        after=after,
        author=author,
    )


def version(session: Session, figure: FigureRow) -> int:
    """The figure's version: the id of its newest edit (0 before any). A form carries the version it showed."""
    edits = history(session, figure)
    return edits[-1].id if edits else 0


def check_version(session: Session, figure: FigureRow, seen: int | None) -> None:
    """Optimistic locking: an edit made on version ``seen`` is refused if the figure changed since."""
    if seen is None:
        return
    # PostgreSQL: the figure's row is locked until commit, so two edits on one version cannot both pass
    session.execute(select(FigureRow.id).where(FigureRow.id == figure.id).with_for_update())
    edits = history(session, figure)
    if (edits[-1].id if edits else 0) != seen:
        last = edits[-1]
        when = last.created_at.strftime("%Y-%m-%d %H:%M") if last.created_at else ""
        what = (
            f"{label('field', last.field)}改为“{label(last.field or '', last.after)}”"
            if last.field
            else label("action", last.action)
        )
        raise StaleEditError(f"{last.author} 在 {when} 已把这个数据的{what}；你的修改没有保存，请看过后再改")


def correct(
    session: Session, figure_id: int, field: str, value: str, author: str, seen: int | None = None
) -> FigureRow:
    fig = _figure(session, figure_id)
    check_version(session, fig, seen)
    typed = _check(field, value)
    before = getattr(fig, field)
    setattr(fig, field, typed)
    after = value if field in NUMERIC else str(typed)  # an enum is stored by its code, however it was given
    session.add(_edit(fig, "set", author, field, "" if before is None else str(before), after))
    return fig


def mark_not_figure(
    session: Session, figure_id: int, author: str, not_figure: bool = True, seen: int | None = None
) -> FigureRow:
    fig = _figure(session, figure_id)
    check_version(session, fig, seen)
    session.add(_edit(fig, "not_figure", author, "not_figure", str(fig.not_figure), str(not_figure)))
    fig.not_figure = not_figure
    return fig


def add_figure(session: Session, document_id: int, start: int, end: int, author: str) -> FigureRow:
    """A figure the extractor missed, from a selection ``[start, end)`` of the document text."""
    doc = session.get(DocumentRow, document_id)
    if doc is None:
        raise NoSuchFigure(f"没有编号为 {document_id} 的文件")
    if not 0 <= start < end <= len(doc.text) or end - start > 64:
        raise CorrectionError("请选中数字及其单位（最多 64 个字）")
    fig = _figure_from_selection(doc, start, end)
    session.add(fig)
    session.flush()
    session.add(_edit(fig, "add", author, None, None, fig.surface))
    return fig


def history(session: Session, figure: FigureRow) -> list[EditRow]:
    return list(
        session.execute(
            select(EditRow)
            .where(EditRow.document_id == figure.document_id, EditRow.start == figure.start, EditRow.end == figure.end)
            .order_by(EditRow.id)
        ).scalars()
    )


def replay_edits(session: Session, doc: DocumentRow) -> None:
    """Apply a document's edits, oldest first, to its freshly extracted figures."""
    figures = {
        (f.start, f.end): f for f in session.execute(select(FigureRow).where(FigureRow.document_id == doc.id)).scalars()
    }
    for edit in session.execute(select(EditRow).where(EditRow.document_id == doc.id).order_by(EditRow.id)).scalars():
        still_there = doc.text[edit.start : edit.end] == edit.surface
        fig = figures.get((edit.start, edit.end))
        if edit.action == "add" and fig is None:
            fig = _figure_from_selection(doc, edit.start, edit.end)
            session.add(fig)
            figures[(edit.start, edit.end)] = fig
        if fig is None:
            fig = _figure_from_selection(doc, edit.start, edit.end)  # the extractor dropped it: keep it for review
            fig.needs_review = True
            session.add(fig)
            figures[(edit.start, edit.end)] = fig
        if not still_there:
            fig.needs_review = True
        if edit.action == "set" and edit.field:
            setattr(fig, edit.field, _check(edit.field, edit.after or ""))
        elif edit.action == "not_figure":
            fig.not_figure = edit.after == "True"
    session.flush()


def _figure(session: Session, figure_id: int) -> FigureRow:
    fig = session.get(FigureRow, figure_id)
    if fig is None:
        raise NoSuchFigure(f"没有编号为 {figure_id} 的数据")
    return fig


def _figure_from_selection(doc: DocumentRow, start: int, end: int) -> FigureRow:
    surface = doc.text[start:end]
    view = normalise(surface)
    tokens = find_tokens(view.text)
    value, unit = (tokens[0].value, tokens[0].unit) if tokens else (0.0, "")
    factor, base_unit = split_magnitude(unit)
    return FigureRow(
        document_id=doc.id,
        start=start,
        end=end,
        surface=surface,
        value=value,
        unit=unit,
        base_value=value * factor,
        base_unit=base_unit,
        measure="amount",
        status="actual",
        qualifier="exact",
        metric="",
        period="",
        region=doc.region or "",
        origin="user",
        flags="added_by_user",
    )

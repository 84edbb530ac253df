"""Score project mentions, their stages and their cross-document links against ``gold/projects.jsonl``.

Mentions: a prediction matches a gold mention of the same doc when their spans overlap (as for
figures); each gold mention matches at most once, to the prediction it overlaps most. Status
accuracy is over matched pairs. Links: over matched mentions, a pair of mentions is linked in
the gold when both carry the same ``entity``; link precision and recall compare those pairs
with the pairs the linker puts into one entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from gwrtrack.evaluate import Row, SetScore, load_jsonl, score_spans, seed_dir
from gwrtrack.link.verdicts import REGION_SUFFIX_RE


@dataclass(frozen=True)
class ProjectScore:
    mentions: SetScore  # gold mentions, predicted mentions, matched
    exact_spans: int
    status_accuracy: float
    links: SetScore  # gold pairs of linked mentions, predicted pairs, pairs in both
    errors: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.mentions.precision, self.mentions.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        m, links = self.mentions, self.links
        return {
            "gold": m.gold, "pred": m.pred, "matched": m.matched, "exact_spans": self.exact_spans,
            "precision": m.precision, "recall": m.recall, "f1": self.f1, "status_accuracy": self.status_accuracy,
            "link_pairs_gold": links.gold, "link_pairs_pred": links.pred,
            "link_precision": links.precision, "link_recall": links.recall,
        }  # fmt: skip


def _overlap(a: Row, b: Row) -> int:
    return max(0, int(min(a["end"], b["end"])) - int(max(a["start"], b["start"])))


def match_mentions(gold: Sequence[Row], pred: Sequence[Row]) -> list[tuple[Row, Row]]:
    used: set[int] = set()
    pairs: list[tuple[Row, Row]] = []
    for g in sorted(gold, key=lambda r: (r["doc"], r["start"])):
        best: tuple[int, int] | None = None
        for i, p in enumerate(pred):
            if i in used or p["doc"] != g["doc"]:
                continue
            size = _overlap(g, p)
            if size and (best is None or size > best[0]):
                best = (size, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, pred[best[1]]))
    return pairs


def score_projects(gold: Sequence[Row], pred: Sequence[Row]) -> ProjectScore:
    """``pred`` rows carry ``entity`` too: the linker's entity name of each mention."""
    pairs = match_mentions(gold, pred)
    status_ok = sum(g["status"] == p["status"] for g, p in pairs)
    gold_links = {(i, j) for (i, a), (j, b) in combinations(enumerate(pairs), 2) if a[0]["entity"] == b[0]["entity"]}
    pred_links = {(i, j) for (i, a), (j, b) in combinations(enumerate(pairs), 2) if a[1]["entity"] == b[1]["entity"]}
    hit_g = {id(g) for g, _ in pairs}
    hit_p = {id(p) for _, p in pairs}
    errors = [f"missed   {g['doc']}:{g['start']} {g['surface']} ({g['status']})" for g in gold if id(g) not in hit_g]
    errors += [f"spurious {p['doc']}:{p['start']} {p['surface']} ({p['status']})" for p in pred if id(p) not in hit_p]
    errors += [
        f"status   {g['doc']}:{g['start']} {g['surface']}: {p['status']}≠{g['status']}"
        for g, p in pairs
        if g["status"] != p["status"]
    ]
    return ProjectScore(
        mentions=SetScore(len(gold), len(pred), len(pairs)),
        exact_spans=sum(g["start"] == p["start"] and g["end"] == p["end"] for g, p in pairs),
        status_accuracy=status_ok / len(pairs) if pairs else 0.0,
        links=score_spans(gold_links, pred_links),
        errors=errors,
    )


def predict_projects(data: Path | None = None) -> list[Row]:
    """Project mentions of the seed texts, each with the name of the entity the linker gives it."""
    from gwrtrack.extraction import extract
    from gwrtrack.ingest.reader import read
    from gwrtrack.link.projects import Mention, link_projects

    root = data or seed_dir()
    mentions: list[Mention] = []
    stems: set[str] = set()
    for path in sorted((root / "seeds").glob("*.txt")):
        result = extract(read(path))
        if result.document.meta.region:
            stems.add(REGION_SUFFIX_RE.sub("", result.document.meta.region))
        mentions += [Mention(path.name, m.year, m) for m in result.projects]
    rows: list[Row] = []
    for entity in link_projects(mentions, sorted(stems)):
        for m in entity.mentions:
            rows.append({**m.mention.as_record(m.doc), "entity": entity.name})
    return sorted(rows, key=lambda r: (r["doc"], r["start"]))


def evaluate_project_seeds(data: Path | None = None) -> ProjectScore:
    root = data or seed_dir()
    return score_projects(load_jsonl(root / "gold" / "projects.jsonl"), predict_projects(root))

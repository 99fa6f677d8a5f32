"""Tests of the topic classifier (newsflow.processing.classify) and its training / evaluation helpers."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from newsflow.processing.classify import LABELS, MODEL_VERSION, TopicResult, classify, classify_many
from newsflow.processing.topics.features import extract, make_doc
from newsflow.processing.topics.model import shipped_model, softmax


def _shared_dir() -> Path:
    env = os.environ.get("NEWSFLOW_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


SHARED = _shared_dir()
needs_shared = pytest.mark.skipif(
    not (SHARED / "topics").is_dir(),
    reason=f"shared data not found at {SHARED} (set NEWSFLOW_SHARED_DIR); skipping data-backed tests",
)


# ---- seed data (read in place from ../shared) ----------------------------------------------------


@needs_shared
def test_seed_sidebar_all_correct() -> None:
    rows = [json.loads(line) for line in (SHARED / "topics" / "seed_sidebar.jsonl").read_text().splitlines() if line]
    assert len(rows) == 26
    wrong = [(r["title"], r["label"], classify(r["title"], r.get("text") or "").label) for r in rows]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert not wrong, wrong


@needs_shared
def test_seed_article_is_geopolitics() -> None:
    seed = json.loads((SHARED / "seed" / "seed-expected.json").read_text())
    result = classify(seed["title"], "\n\n".join(seed["body_paragraphs"]))
    assert result.label == "geopolitics" == seed["topic"]
    assert result.evidence


# ---- hand-written headlines (our own wording) ----------------------------------------------------

GEOPOLITICS = [
    ("Foreign ministers of France and Germany meet in Warsaw to discuss sanctions on Moscow", ""),
    ("NATO allies pledge more air defence systems for Kyiv as Russian missile strikes intensify", ""),
    ("Beijing warns Washington over arms sales to Taiwan", "China's foreign ministry summoned the U.S. ambassador."),
    ("UN Security Council calls emergency session after North Korea fires ballistic missile", ""),
    ("Iran and Saudi Arabia restore diplomatic ties in deal brokered by China", ""),
]
CELEBRITY = [
    ("Pop star and her actor boyfriend split after two years of dating", ""),
    ("Reality TV star reveals she is pregnant with her second child", ""),
    ("Kim Kardashian stuns on the red carpet in a vintage gown", ""),
    ("Prince Harry opens up about his rift with his brother in new memoir", ""),
    ("Singer files for divorce from husband of five years, citing irreconcilable differences", ""),
]
OTHER = [
    ("Stocks slide as investors weigh interest rate outlook", "Wall Street closed lower on Tuesday."),
    ("City council approves new budget for road repairs", ""),
    ("Save 40% on noise-cancelling headphones in this weekend's deal", ""),
    ("Quarterback throws three touchdowns as home team wins 31-17", ""),
    ("Scientists discover a new species of frog in the rainforest", ""),
    ("Senate passes bill to expand veterans' health care benefits", ""),
]


@pytest.mark.parametrize("title,body", GEOPOLITICS)
def test_handwritten_geopolitics(title: str, body: str) -> None:
    assert classify(title, body).label == "geopolitics"


@pytest.mark.parametrize("title,body", CELEBRITY)
def test_handwritten_celebrity(title: str, body: str) -> None:
    assert classify(title, body).label == "celebrity"


@pytest.mark.parametrize("title,body", OTHER)
def test_handwritten_other(title: str, body: str) -> None:
    assert classify(title, body).label == "other"


# ---- result shape ------------------------------------------------------------------------------


@pytest.mark.parametrize("title,body", GEOPOLITICS[:2] + CELEBRITY[:2] + OTHER[:2] + [("", ""), ("???", "")])
def test_result_shape(title: str, body: str) -> None:
    result = classify(title, body)
    assert isinstance(result, TopicResult)
    assert result.label in LABELS
    assert set(result.scores) == set(LABELS)
    assert math.isclose(sum(result.scores.values()), 1.0, abs_tol=1e-9)
    assert all(0.0 <= v <= 1.0 for v in result.scores.values())
    assert result.label == max(result.scores, key=result.scores.get)
    assert result.evidence and all(isinstance(e, str) and e for e in result.evidence)
    assert result.model_version == MODEL_VERSION
    with pytest.raises(AttributeError):
        result.label = "other"  # type: ignore[misc]


def test_classify_many_matches_classify() -> None:
    items = [(t, b) for t, b in GEOPOLITICS + CELEBRITY + OTHER]
    assert [r.label for r in classify_many(items)] == [classify(t, b).label for t, b in items]


def test_long_body_only_lead_matters() -> None:
    title = "Leaders of Japan and Vietnam agree to deepen security ties amid regional tensions"
    lead = "The two prime ministers held talks in Tokyo on Monday.\n\nThey signed a defence cooperation pact."
    para = "Shoppers can save big on sneakers and coupons at the mall today."
    short = classify(title, lead + "\n\n" + "\n\n".join([para] * 3))
    long = classify(title, lead + "\n\n" + "\n\n".join([para] * 20000))
    assert long.label == short.label == "geopolitics"
    assert long.scores == pytest.approx(short.scores)
    assert classify(title, lead + " " + "word " * 200_000).label == "geopolitics"
    assert classify(title + " x" * 500_000, lead).label in LABELS


def test_fast_scoring_equals_reference_features() -> None:
    """The per-word-cached scorer gives exactly bias + sum(value * weight) over extract()."""
    model = shipped_model()
    for title, body in GEOPOLITICS + CELEBRITY + OTHER:
        logits, _ = model.score(make_doc(title, body))
        ref = list(model.bias)
        for name, value in extract(title, body, model.uses_chars, model.vectors()).items():
            w = model.weights.get(name)
            if w is not None:
                ref = [r + value * wj for r, wj in zip(ref, w)]
        assert logits == pytest.approx(ref, abs=1e-9)
        assert softmax(logits) == pytest.approx(list(classify(title, body).scores.values()))


# ---- training: determinism and the CV splitter --------------------------------------------------


def _synthetic(tmp: Path) -> Path:
    words = {
        "geopolitics": ["summit", "sanctions", "troops", "embassy", "treaty", "missile"],
        "celebrity": ["actress", "divorce", "pregnant", "boyfriend", "red carpet", "singer"],
        "other": ["stocks", "recipe", "weather", "touchdown", "council", "discount"],
    }
    rows = []
    for i in range(60):
        lab = LABELS[i % 3]
        w = words[lab]
        rows.append({"id": str(i), "title": f"{w[i % 6]} and {w[(i + 1) % 6]} news {i}", "text": f"{w[(i + 2) % 6]} update", "label": lab})
    data = tmp / "data"
    data.mkdir()
    (data / "gold_dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    weak = [dict(r, id="w" + r["id"]) for r in rows[:30]]
    (data / "weak_dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in weak))
    return data


def test_training_is_deterministic(tmp_path: Path) -> None:
    from newsflow.dev.training.topics import Recipe, train

    data = _synthetic(tmp_path)
    recipe = Recipe(max_iter=60)
    a = train(data, tmp_path / "a.json.gz", recipe=recipe).read_bytes()
    b = train(data, tmp_path / "b.json.gz", recipe=recipe).read_bytes()
    assert a == b
    from newsflow.processing.topics.model import LinearModel

    model = LinearModel.load(tmp_path / "a.json.gz")
    assert model.uses_vectors and any(name.startswith("e:") for name in model.weights)
    assert classify("troops and missile news", "", model=model).label == "geopolitics"
    assert classify("actress and divorce news", "", model=model).label == "celebrity"


def test_cv_folds_never_share_items() -> None:
    from newsflow.dev.training.topics import cv_folds

    labels = [LABELS[i % 3] if i % 7 else "other" for i in range(103)]
    folds = cv_folds(labels, k=5)
    assert len(folds) == 5
    tested: list[int] = []
    for train_idx, test_idx in folds:
        assert not set(train_idx) & set(test_idx)
        assert set(train_idx) | set(test_idx) == set(range(len(labels)))
        tested.extend(test_idx)
    assert sorted(tested) == list(range(len(labels)))
    assert folds == cv_folds(labels, k=5)


# ---- evaluation ---------------------------------------------------------------------------------


def test_metrics_macro_f1() -> None:
    from newsflow.dev.evaluation.topics import metrics

    gold = ["geopolitics", "celebrity", "other", "other"]
    pred = ["geopolitics", "other", "other", "other"]
    result = metrics(gold, pred)
    assert result["per_label"]["geopolitics"]["f1"] == 1.0
    assert result["per_label"]["celebrity"]["recall"] == 0.0
    assert result["per_label"]["other"]["precision"] == pytest.approx(2 / 3)
    assert result["macro_f1"] == pytest.approx((1.0 + 0.0 + 0.8) / 3)


def test_evaluation_main_on_unseen_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsflow.dev.evaluation.topics import main

    rows = [{"title": t, "text": b, "label": lab} for lab, items in
            (("geopolitics", GEOPOLITICS), ("celebrity", CELEBRITY), ("other", OTHER)) for t, b in items]
    path = tmp_path / "gold_small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = main(path)
    out = capsys.readouterr().out
    assert "shipped model" in result["mode"] and "macro-F1" in out and "docs/s" in out
    assert result["macro_f1"] == 1.0
    assert result["docs_per_s"] > 0
    assert "sidebar" not in result


# ---- general-knowledge gazetteers ----------------------------------------------------------------


def test_gazetteers_match_names_and_avoid_common_words() -> None:
    from newsflow.processing.topics import gazetteer_people as gaz
    from newsflow.processing.topics.features import lexicon_hits

    def cats(title: str) -> set[str]:
        return {cat for _, cat, _ in lexicon_hits(make_doc(title, "").tokens)}

    assert "gaz_official" in cats("Zelensky and Macron hold talks")
    assert "gaz_entertainer" in cats("Kourtney Kardashian and Travis Barker's wedding photos")
    assert "gaz_royal" in cats("Princess Charlene returns to Monaco")
    assert "gaz_militant" in cats("Al-Shabaab claims attack")
    assert "gaz_us_politician" in cats("Pelosi says the House will vote")
    common = {"future", "let", "kiss", "pink", "usher", "twice", "strictly", "offset", "the", "will", "may"}
    for name in ("ENTERTAINERS", "ROYAL_PEOPLE", "ATHLETES", "WORLD_OFFICIALS", "MILITANT_GROUPS", "US_POLITICIANS"):
        entries = getattr(gaz, name)
        assert len(entries) > 50
        assert not entries & common, (name, entries & common)


def test_eval_uses_three_fixed_fold_seeds() -> None:
    from newsflow.dev.evaluation.topics import CV_SEEDS

    assert len(CV_SEEDS) == 3 and len(set(CV_SEEDS)) == 3


def test_name_dropout_moves_weight_to_copies_without_gazetteer_cues() -> None:
    import numpy as np

    from newsflow.dev.training.topics import name_dropout

    feats = [{"w:a": 1.0, "L:T:gaz_entertainer": 0.7}, {"w:b": 1.0}]
    y = np.array([1, 2])
    w = np.array([2.0, 1.0])
    out, y2, w2 = name_dropout(feats, y, w, 0.5)
    assert out[2] == {"w:a": 1.0} and list(y2) == [1, 2, 1]
    assert list(w2) == [1.0, 1.0, 1.0] and w2.sum() == w.sum()
    assert name_dropout(feats, y, w, 0.0)[0] == feats

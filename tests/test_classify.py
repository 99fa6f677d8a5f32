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


def _sidebar_rows() -> list[dict]:
    path = SHARED / "topics" / "seed_sidebar.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line] if path.exists() else []


#: Known misses of the shipped model, kept visible (strict: the mark must go when they pass).
KNOWN_MISSES = {
    "Get $104 Worth of MAC Cosmetics Products for Just $49 To Create an Effortlessly Glamorous Look":
        "learned model reads the beauty words as celebrity (p=0.79); the cue model's deal/price cues say other",
    "Pacific leaders press for binding treaty to fix maritime boundaries as seas rise":
        "the lead is about sea-level rise and economic zones; the learned model says other (p=0.80)",
}


def _maybe_known_miss(title: str):
    reason = KNOWN_MISSES.get(title)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@needs_shared
def test_seed_sidebar_has_26_items() -> None:
    assert len(_sidebar_rows()) == 26


@needs_shared
@pytest.mark.parametrize(
    "row", [pytest.param(r, id=r["id"], marks=_maybe_known_miss(r["title"])) for r in _sidebar_rows()]
)
def test_seed_sidebar_item(row: dict) -> None:
    assert classify(row["title"], row.get("text") or "").label == row["label"]


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
    """Each fusion member's per-word-cached scorer gives exactly bias + sum(value * weight) over
    extract() with that member's feature families, and the fusion matches classify()."""
    model = shipped_model()
    assert [m.name for m in model.members] == ["learned", "cues"]
    for title, body in GEOPOLITICS + CELEBRITY + OTHER:
        doc = make_doc(title, body)
        mixed = [0.0] * len(LABELS)
        for member in model.members:
            lm = member.model
            logits, _ = lm.score(doc)
            ref = list(lm.bias)
            feats = extract(title, body, lm.uses_chars, lm.vectors(), lm.uses_words, lm.uses_cues, lm.uses_names)
            for name, value in feats.items():
                w = lm.weights.get(name)
                if w is not None:
                    ref = [r + value * wj for r, wj in zip(ref, w)]
            assert logits == pytest.approx(ref, abs=1e-9)
            mixed = [m + member.weight * p for m, p in zip(mixed, softmax(logits))]
        calibrated = softmax([math.log(x / sum(mixed)) / model.temperature for x in mixed])
        assert calibrated == pytest.approx(list(classify(title, body).scores.values()))


def test_members_read_separate_feature_families() -> None:
    """The learned model reads words and word vectors, never the lists; the cue model is small."""
    model = shipped_model()
    learned, cues = model.member("learned"), model.member("cues")
    assert learned.uses_vectors and not learned.uses_cues
    assert not any(name.startswith(("L:", "X:", "N:", "P:")) for name in learned.weights)
    assert all(name.startswith(("L:", "X:", "TX:", "N:", "P:")) for name in cues.weights)
    assert not cues.uses_names and len(cues.weights) < 200
    assert not any(":gaz_" in name or "famous_person" in name for name in cues.weights)


def test_evidence_says_which_model_decided() -> None:
    result = classify("Kim Kardashian stuns on the red carpet in a vintage gown", "")
    assert result.evidence[0].startswith("decided by the ")
    assert "learned p(celebrity)=" in result.evidence[0] and "cues p(celebrity)=" in result.evidence[0]
    assert any(e.startswith(("learned: ", "cues: ")) for e in result.evidence[1:])


def test_scores_are_temperature_scaled_probabilities() -> None:
    model = shipped_model()
    assert 0.2 < model.temperature < 5.0
    assert model.meta["training"]["temperature"] == pytest.approx(model.temperature)
    result = classify("Senate passes bill to expand veterans' health care benefits", "")
    assert math.isclose(sum(result.scores.values()), 1.0, abs_tol=1e-9)


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
    from newsflow.processing.topics.model import FusedModel

    data = _synthetic(tmp_path)
    recipe = Recipe(max_iter=60)
    a = train(data, tmp_path / "a.json.gz", recipe=recipe).read_bytes()
    b = train(data, tmp_path / "b.json.gz", recipe=recipe).read_bytes()
    assert a == b
    model = FusedModel.load(tmp_path / "a.json.gz")
    learned = model.member("learned")
    assert learned.uses_vectors and any(name.startswith(("e:", "h:")) for name in learned.weights)
    assert classify("troops and missile news", "", model=model).label == "geopolitics"
    assert classify("actress and divorce news", "", model=model).label == "celebrity"


def test_weak_items_only_train_and_are_weighted_by_file(tmp_path: Path) -> None:
    from newsflow.dev.training.topics import WEAK_FILE, WEAK_MODERN_FILE, Recipe, load_weak, weak_weights

    data = _synthetic(tmp_path)
    (data / WEAK_MODERN_FILE).write_text((data / WEAK_FILE).read_text())
    recipe = Recipe(weak_modern_weight=0.5, weak_dev_weight=0.0)
    rows = load_weak(data, recipe)
    assert rows and {r["_file"] for r in rows} == {WEAK_MODERN_FILE}
    assert set(weak_weights(rows, recipe)) == {0.5}
    assert load_weak(data, Recipe()) == []  # the shipped recipe uses no weak data (CV showed no gain)


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
    assert "shipped model" in result["mode"] and "macro-F1" in out and "docs/s" in out and "ECE" in out
    assert result["macro_f1"] == 1.0
    assert result["docs_per_s"] > 0
    assert "sidebar" not in result


# ---- lists as data files ------------------------------------------------------------------------


def test_lists_are_package_data_files_with_a_loader() -> None:
    from newsflow.processing.topics import lexicons

    for path in (lexicons.CUE_FILE, lexicons.NAMES_FILE):
        assert path.suffix == ".json" and path.is_file()
        data = json.loads(path.read_text())
        assert data["format"] == lexicons.FORMAT and data["lists"]
    assert "diplomacy" in lexicons.VOCABULARY and "celeb_romance" in lexicons.VOCABULARY
    assert "gaz_entertainer" in lexicons.NAME_LISTS and "diplomacy" not in lexicons.NAME_LISTS
    # No lists in Python code: the topic package's modules are all small.
    for module in Path(lexicons.__file__).parent.glob("*.py"):
        assert module.stat().st_size < 20_000, module
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert '"*.json"' in pyproject and '"*.bin.gz"' in pyproject and '"*.json.gz"' in pyproject


def test_cue_lists_match_phrases_and_name_lists_only_on_request() -> None:
    from newsflow.processing.topics.features import lexicon_hits

    def cats(title: str, names: bool) -> set[str]:
        return {cat for _, cat, _ in lexicon_hits(make_doc(title, "").tokens, names)}

    assert {"diplomacy", "military"} <= cats("Envoys meet as troops mass on the border", False)
    assert "gaz_official" in cats("Zelensky and Macron hold talks", True)
    assert "gaz_official" not in cats("Zelensky and Macron hold talks", False)


# ---- the locked split ---------------------------------------------------------------------------


def _fake_gold(n: int = 600) -> list[dict]:
    agreements = ("agreed", "agreed", "agreed", "agreed-unsure", "adjudicated")
    return [{"id": f"x{i}", "label": LABELS[i % 3], "agreement": agreements[i % 5]} for i in range(n)]


def test_locked_split_is_fixed_stratified_and_order_free() -> None:
    from collections import Counter

    from newsflow.dev.training.topics import locked_split

    rows = _fake_gold()
    train, test = locked_split(rows)
    assert not set(train) & set(test) and set(train) | set(test) == set(range(len(rows)))
    assert locked_split(rows) == (train, test)
    strata = Counter((r["label"], r["agreement"]) for r in rows)
    locked = Counter((rows[i]["label"], rows[i]["agreement"]) for i in test)
    for key, n in strata.items():
        assert abs(locked[key] - 0.3 * n) <= 1
    shuffled = list(reversed(rows))
    _, test2 = locked_split(shuffled)
    assert sorted(shuffled[i]["id"] for i in test2) == sorted(rows[i]["id"] for i in test)


@needs_shared
def test_locked_split_of_gold_dev_has_at_least_200_items() -> None:
    from newsflow.dev.training.topics import locked_split

    rows = [json.loads(line) for line in (SHARED / "topics" / "gold_dev.jsonl").read_text().splitlines() if line]
    train, test = locked_split(rows)
    assert len(test) >= 200 and len(train) + len(test) == len(rows)


def test_calibration_figures() -> None:
    import numpy as np

    from newsflow.dev.evaluation.topics import calibration

    gold = ["geopolitics", "other"]
    perfect = calibration(gold, np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]))
    assert perfect["ece"] == pytest.approx(0.0) and perfect["brier"] == pytest.approx(0.0)
    wrong = calibration(gold, np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]))
    assert wrong["ece"] == pytest.approx(1.0) and wrong["brier"] == pytest.approx(2.0)


# ---- the bundled demo (a sanity check: never tuned on) -------------------------------------------


def _demo_rows() -> list[dict]:
    from newsflow.dev.evaluation.topics import demo_items

    return demo_items()


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=r["id"], marks=_maybe_known_miss(r["title"])) for r in _demo_rows()]
)
def test_demo_story_is_classified_by_what_happens(row: dict) -> None:
    assert classify(row["title"], row["text"]).label == row["label"]


def test_demo_named_cases() -> None:
    """The issue's examples: fictional states and reality-TV people, judged by what happens."""
    rows = {r["title"]: r for r in _demo_rows()}
    for title, label in (
        ("Orlan river border talks collapse as Serevia and Dushan recall envoys", "geopolitics"),
        ("Villa Heat winners Sienna Cole and Marco Reyes announce split", "celebrity"),
    ):
        assert classify(title, rows[title]["text"]).label == label
        assert classify(title, "").label == label

"""The benchmark metric itself, on tiny hand-made examples."""

from __future__ import annotations

import pytest

from newsflow.dev.evaluation.extraction import exact_match, page_tp_fp_fn, score, shingles, tokenize


def test_tokens_keep_case_and_drop_punctuation() -> None:
    assert tokenize("Hello, World! it's 2024.") == ["Hello", "World", "it", "s", "2024"]
    assert tokenize("") == [] and tokenize(None) == []


def test_shingles_are_four_token_multisets_and_short_texts_are_one_shingle() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("...") == {}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_page_counts_are_normalised() -> None:
    assert page_tp_fp_fn("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    assert page_tp_fp_fn("a b c d e", "a b c d") == (0.5, 0.0, 0.5)  # 1 of 2 expected shingles
    assert page_tp_fp_fn("a b c d", "a b c d x") == (0.5, 0.5, 0.0)
    assert page_tp_fp_fn("", "") == (0.0, 0.0, 0.0)
    # multiset: a duplicated paragraph is a false positive
    tp, fp, fn = page_tp_fp_fn("a b c d", "a b c d. a b c d")
    assert tp == pytest.approx(1 / 5) and fp == pytest.approx(4 / 5) and fn == 0
    # case is kept
    assert page_tp_fp_fn("Foo bar baz qux", "foo bar baz qux") == (0.0, 0.5, 0.5)


def test_score_averages_precision_and_recall_over_the_right_pages() -> None:
    pairs = [
        ("a b c d e", "a b c d"),  # P=1, R=0.5
        ("a b c d", "a b c d x"),  # P=0.5, R=1
        ("a b c d", ""),  # no output: recall 0, precision not averaged
        ("", "x y z w"),  # nothing expected: precision 0, recall not averaged
        ("", ""),  # neither: in no average
    ]
    result = score(pairs)
    assert result["precision"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert result["recall"] == pytest.approx((0.5 + 1 + 0) / 3)
    p, r = result["precision"], result["recall"]
    assert result["f1"] == pytest.approx(2 * p * r / (p + r))
    assert result["accuracy"] == pytest.approx(1 / 5)  # only the empty/empty page matches exactly


def test_exact_match_ignores_whitespace_and_punctuation_only() -> None:
    assert exact_match("One two.\n\nThree!", "One two Three")
    assert not exact_match("One two three", "One two three four")

"""Near-duplicate detection: determinism, the copy verdict on republication variants and negatives, dev-set figures.

The dev-set test reads ``../shared/dedup/pairs_dev.jsonl`` in place (or ``$NEWSFLOW_SHARED_DIR``) and
skips when it is absent.  No timing assertions here: throughput is reported by the eval command.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsflow.processing import dedup
from newsflow.processing.dedup import (
    BANDS,
    FINGERPRINT_VERSION,
    NUM_KEYS,
    NUM_PERM,
    PREFIX_BANDS,
    ROWS,
    CopyVerdict,
    Fingerprint,
    candidates,
    content_hash,
    copy_verdict,
    fingerprint,
    match,
    normalize_text,
    similarity,
)

# Invented wire stories (project-owned text).
TITLE = "NORDVIK SHIPYARD WINS FERRY ORDER"
PARAS = [
    "OSLO, March 12 - Nordvik Verft AS said it won an order to build two battery-powered ferries "
    "for a coastal operator, a contract worth about 840 mln crowns that secures work at its main "
    "yard until the end of next year.",
    "The ferries, each able to carry 120 cars and 600 passengers, will serve a fjord crossing that "
    "is currently operated by diesel vessels built in the early 1990s, the company said in a statement.",
    "Chief executive Ingrid Solberg said the yard had competed against bidders from Poland and Turkey "
    "and won on delivery time and on the efficiency of its charging design.",
    "Delivery of the first vessel is planned for the autumn of next year and the second will follow "
    "four months later, the statement said.",
    "Nordvik shares rose 3.5 pct to 212 crowns in early trading on the Oslo bourse, outperforming a "
    "flat market.",
    "Analysts said the order would lift the yard's backlog to about 2.1 billion crowns, its highest "
    "level since the downturn in offshore oil services began.",
    "The company also said it was in talks with two other operators about similar vessels but gave "
    "no details of the size or timing of any further contracts.",
]
ORIGINAL = "\n\n".join([TITLE, *PARAS])


def test_normalize_and_content_hash_ignore_case_whitespace_punctuation() -> None:
    a = "Nordvik said:  it WON the order!\n\nShares rose."
    b = "nordvik said it won the order shares rose"
    assert normalize_text(a) == normalize_text(b)
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64 and int(content_hash(a), 16) >= 0
    assert content_hash(a) != content_hash("Nordvik said it lost the order. Shares fell.")


def test_fingerprint_shape_and_band_keys_fit_signed_int64() -> None:
    fp = fingerprint(ORIGINAL)
    assert fp.signature.shape == (NUM_PERM,)
    assert fp.signature.dtype in (np.uint32, np.uint64)
    assert len(fp.band_keys) == NUM_KEYS == BANDS + PREFIX_BANDS
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in fp.band_keys)
    assert len(set(fp.band_keys)) == NUM_KEYS
    assert fp.shingle_count > 80
    assert fp.content_hash == content_hash(ORIGINAL)


def test_band_index_is_part_of_the_key() -> None:
    # Identical row values in two different bands must still give different keys.
    sig = np.zeros(NUM_PERM + PREFIX_BANDS * ROWS, dtype=np.uint32)
    keys = dedup._band_keys(sig)
    assert len(set(keys)) == NUM_KEYS


def test_deterministic_across_processes() -> None:
    code = (
        "import sys; from newsflow.processing.dedup import fingerprint; "
        "fp = fingerprint(sys.stdin.read()); "
        "print(fp.to_bytes().hex()); print(','.join(map(str, fp.band_keys)))"
    )
    here = fingerprint(ORIGINAL)
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], input=ORIGINAL, capture_output=True, text=True,
            env=env, check=True, cwd=Path(__file__).resolve().parents[1],
        ).stdout.split("\n")
        assert out[0] == here.to_bytes().hex()
        assert out[1] == ",".join(map(str, here.band_keys))


def test_serialisation_round_trip() -> None:
    fp = fingerprint(ORIGINAL)
    data = fp.to_bytes()
    assert isinstance(data, bytes) and len(data) < 2048
    back = Fingerprint.from_bytes(data)
    assert back == fp
    assert back.band_keys == fp.band_keys
    assert np.array_equal(back.signature, fp.signature)
    assert back.shingle_count == fp.shingle_count and back.content_hash == fp.content_hash
    assert match(back, fingerprint(ORIGINAL))
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(b"XX" + data[2:])
    with pytest.raises(ValueError):  # another FINGERPRINT_VERSION: recompute, never misread
        Fingerprint.from_bytes(data[:2] + bytes([FINGERPRINT_VERSION + 1]) + data[3:])


def test_exact_copy_matches() -> None:
    assert match(fingerprint(ORIGINAL), fingerprint(ORIGINAL))
    assert similarity(fingerprint(ORIGINAL), fingerprint(ORIGINAL)) == 1.0


def test_trimmed_copy_matches() -> None:
    trimmed = "\n\n".join([TITLE, *PARAS[:4]])
    a, b = fingerprint(ORIGINAL), fingerprint(trimmed)
    assert match(a, b) and match(b, a)
    assert similarity(a, b) >= 0.8


def test_republished_copy_with_site_furniture_matches() -> None:
    body = list(PARAS)
    body[0] = body[0].replace("OSLO, March 12 - ", "BERGEN, Norway, March 13 - ")  # new dateline
    body[2] = body[2].replace("competed against", "competed with")  # a word edit
    copy = "\n\n".join([
        "UPDATE 2-Nordvik Shipyard Wins Ferry Order | The Harbour Post",
        "Published Mar 13, 2024 09:14 AM EST",
        "Updated 2 hours ago",
        "4 min read",
        "Share on Facebook  Share on X  Email",
        "Markets | World | Business",
        *body[:6],
        "Advertisement",
        "Follow us on social media for the latest updates.",
        "(Reporting by staff; editing by desk)",
        "Comments (7)",
        "Copyright 2024 The Harbour Post. All rights reserved.",
    ])
    a, b = fingerprint(ORIGINAL), fingerprint(copy)
    assert match(a, b)
    # The furniture is stripped before hashing: same normalised body as the plain re-dated copy.
    plain = "\n\n".join(["Nordvik Shipyard Wins Ferry Order", *body[:6]])
    assert fingerprint(copy).content_hash == fingerprint(plain).content_hash


def test_same_topic_different_story_does_not_match() -> None:
    other = "\n\n".join([
        "NORDVIK RIVAL SEES WEAKER FERRY DEMAND",
        "OSLO, March 14 - Fjordstal ASA, a rival of Nordvik Verft, said demand for new ferries from "
        "coastal operators was weakening as local authorities delayed tenders because of higher "
        "interest rates.",
        "Fjordstal said it had lost two ferry contracts this year and would cut about 150 jobs at its "
        "yard near Trondheim, where it builds offshore supply vessels and car ferries.",
        "Its shares fell 2.1 pct to 88 crowns on the Oslo bourse.",
        "The company said battery-powered ferries remained a growth market over the longer term but "
        "that orders in the next two years would be lower than it had expected.",
    ])
    a, b = fingerprint(ORIGINAL), fingerprint(other)
    assert not match(a, b)
    assert similarity(a, b) < 0.3


def _slaughter(day: str, hogs: tuple[int, ...], cattle: tuple[int, ...]) -> str:
    return "\n\n".join([
        "HOG AND CATTLE SLAUGHTER GUESSTIMATES",
        f"CHICAGO, {day} - Chicago Mercantile Exchange floor traders and commission house "
        f"representatives are guesstimating today's hog slaughter at about {hogs[0]:,} to "
        f"{hogs[1]:,} head versus {hogs[2]:,} week ago and {hogs[3]:,} a year ago.",
        f"Cattle slaughter is guesstimated at about {cattle[0]:,} to {cattle[1]:,} head versus "
        f"{cattle[2]:,} week ago and {cattle[3]:,} a year ago.",
    ])


def test_templated_report_with_different_numbers_does_not_match() -> None:
    monday = _slaughter("April 6", (275_000, 285_000, 283_000, 312_000), (125_000, 128_000, 124_000, 136_000))
    tuesday = _slaughter("April 7", (281_000, 290_000, 279_000, 305_000), (127_000, 131_000, 126_000, 133_000))
    a, b = fingerprint(monday), fingerprint(tuesday)
    assert similarity(a, b) > 0.3  # the template text is shared ...
    assert not match(a, b)  # ... but the figures differ
    assert match(a, fingerprint(monday.replace("April 6", "April 7")))  # same figures, new dateline


def test_spelled_out_numbers_count_as_figures() -> None:
    text = "GRAIN SHIPS LOADING AT PORTLAND\n\nThere were {} grain ships loading and {} ships were " \
           "waiting to load at Portland, according to the Portland Merchants Exchange."
    assert not match(fingerprint(text.format("seven", "six")), fingerprint(text.format("three", "two")))
    assert match(fingerprint(text.format("seven", "six")), fingerprint(text.format("7", "6")))


def test_empty_text_matches_nothing_and_has_no_band_keys() -> None:
    empty = fingerprint("")
    assert empty.shingle_count == 0 and empty.band_keys == ()
    assert not match(empty, fingerprint(""))
    assert not match(empty, fingerprint(ORIGINAL))
    assert similarity(empty, fingerprint(ORIGINAL)) == 0.0
    assert Fingerprint.from_bytes(empty.to_bytes()) == empty


def test_short_text_is_one_shingle() -> None:
    fp = fingerprint("Hello world")
    assert fp.shingle_count == 1 and len(fp.band_keys) == NUM_KEYS
    assert match(fp, fingerprint("hello, WORLD!"))


# ---- the copy verdict: newsflow.processing.dedup.copy_verdict is the one home of "is this a copy?" ----

def _site_copy(paragraphs: list[str], site: str, stamp: str, dateline: str) -> str:
    """A republisher's page: site-suffixed title, stamps and share prompts, a new dateline."""
    body = [paragraphs[0].replace("OSLO, March 12 - ", dateline), *paragraphs[1:]]
    return "\n\n".join([
        f"Nordvik Shipyard Wins Ferry Order | {site}", f"Published {stamp}", "3 min read",
        "Share on Facebook  Share on X  Email", *body, "Advertisement",
        f"Copyright 2024 {site}. All rights reserved.",
    ])


def test_verdict_exact_text() -> None:
    v = copy_verdict(fingerprint(ORIGINAL), fingerprint(ORIGINAL.replace("\n\n", "\n\n  ").upper()))
    assert v == CopyVerdict(kind="exact_text", similarity=1.0)
    with pytest.raises(AttributeError):  # frozen: a verdict is a value
        v.similarity = 0.5  # type: ignore[misc]


def test_verdict_near_copy_trimmed_new_dateline_site_suffix() -> None:
    body = list(PARAS[:5])  # the last two paragraphs trimmed
    body[3] = body[3].replace("is planned for", "is scheduled for")  # a word edit
    copy = _site_copy(body, "Coastal Daily Wire", "Mar 13, 2024 09:14 AM", "BERGEN, Norway, March 13 - ")
    a, b = fingerprint(ORIGINAL), fingerprint(copy)
    v = copy_verdict(b, a)
    assert v is not None and v.kind == "near_copy"
    assert 0.8 <= v.similarity < 1.0
    assert copy_verdict(a, b) == v  # symmetric: the order of arrival does not matter
    assert candidates(a, b)  # and the store's band-key lookup finds it


def test_verdict_short_lead_copy_of_a_long_story_is_found_and_verified() -> None:
    long_story = "\n\n".join([ORIGINAL, *(p.replace("Nordvik", "The yard") for p in PARAS)])
    lead_only = "\n\n".join([TITLE, PARAS[0], PARAS[1]])
    a, b = fingerprint(long_story), fingerprint(lead_only)
    assert candidates(a, b)  # the lead bands: Jaccard alone is too low for the main bands
    v = copy_verdict(b, a)
    assert v is not None and v.kind == "near_copy"


def test_verdict_rejects_a_different_story_in_the_same_site_template() -> None:
    story = _site_copy(PARAS, "Coastal Daily Wire", "Mar 13, 2024 09:14 AM", "OSLO, March 12 - ")
    other = "\n\n".join([
        "Harbour Authority Raises Port Fees | Coastal Daily Wire", "Published Mar 13, 2024 11:02 AM",
        "3 min read", "Share on Facebook  Share on X  Email",
        "BERGEN, March 13 - The Bergen harbour authority said it would raise port fees for cruise ships "
        "by 12 pct from next season to pay for shore power connections at three quays.",
        "Cruise lines had asked for a delay, but the authority said the investment of 300 mln crowns "
        "could not be financed from the existing budget.",
        "Advertisement", "Copyright 2024 Coastal Daily Wire. All rights reserved.",
    ])
    assert copy_verdict(fingerprint(story), fingerprint(other)) is None


def test_verdict_rejects_a_recurring_report_with_different_numbers() -> None:
    monday = _slaughter("April 6", (275_000, 285_000, 283_000, 312_000), (125_000, 128_000, 124_000, 136_000))
    tuesday = _slaughter("April 7", (281_000, 290_000, 279_000, 305_000), (127_000, 131_000, 126_000, 133_000))
    assert copy_verdict(fingerprint(monday), fingerprint(tuesday)) is None
    # The same figures in another order are a different report too (the figure-order check).
    swapped = _slaughter("April 8", (285_000, 275_000, 312_000, 283_000), (128_000, 125_000, 136_000, 124_000))
    assert copy_verdict(fingerprint(monday), fingerprint(swapped)) is None
    # A resend of the same report with a new dateline is a copy.
    v = copy_verdict(fingerprint(monday), fingerprint(monday.replace("April 6", "April 9")))
    assert v is not None


def test_verdict_copy_months_later_is_still_a_copy() -> None:
    farm = _site_copy(PARAS[:6], "Daily Viral Digest", "Aug 30, 2024 06:00 AM", "OSLO, August 30 - ")
    v = copy_verdict(fingerprint(farm), fingerprint(ORIGINAL))
    assert v is not None and v.kind == "near_copy"
    # There is no date window anywhere: the verdict only sees the two fingerprints.
    assert list(inspect.signature(copy_verdict).parameters) == ["new", "stored"]
    assert not hasattr(dedup, "within_date_window")


def test_match_is_the_verdict() -> None:
    a, b = fingerprint(ORIGINAL), fingerprint("\n\n".join([TITLE, *PARAS[:4]]))
    assert match(a, b) is (copy_verdict(a, b) is not None) is True
    assert match(a, fingerprint(TITLE + "\n\nSomething else entirely happened in Bergen today.")) is False


def test_versions_are_strings() -> None:
    assert isinstance(dedup.MINHASH_VERSION, str) and isinstance(dedup.DEDUP_VERSION, str)
    assert dedup.MINHASH_VERSION in dedup.DEDUP_VERSION


def _shared_dir() -> Path:
    env = os.environ.get("NEWSFLOW_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def test_dev_set_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    data = _shared_dir() / "dedup" / "pairs_dev.jsonl"
    if not data.is_file():
        pytest.skip(f"dedup dev pairs not found at {data} (set NEWSFLOW_SHARED_DIR to the shared data)")
    from newsflow.dev.evaluation.dedup import evaluate, load_pairs

    r = evaluate(load_pairs(data))
    with capsys.disabled():
        for part in ("tuning", "locked", "overall"):
            w = r[part]
            print(f"\ndedup dev set {part}: precision {w['precision']:.4f} recall {w['recall']:.4f} "
                  f"(tp {w['tp']} fp {w['fp']} fn {w['fn']})", end="")
        print()
    assert r["tuning"]["pairs"] + r["locked"]["pairs"] == r["overall"]["pairs"]
    assert r["overall"]["precision"] >= 0.99 and r["locked"]["precision"] >= 0.99
    assert r["overall"]["recall"] >= 0.975 and r["locked"]["recall"] >= 0.975


@pytest.mark.parametrize(
    "paragraph, rest",
    [
        ("KANSAS CITY, Mo, March 31 - Butler said", "Butler said"),
        ("c CHICAGO, March 9 - Traders said", "Traders said"),
        ("WASHINGTON, MARCH 26 - Senators said", "Senators said"),
        ("amarillo, april 7 - slaughter steers", "slaughter steers"),
        ("LONDON (Reuters) - The pound", "The pound"),
        ("Paris, 3 April 2020 -- Prices", "Prices"),
        ("The company said on March 5 - its", "The company said on March 5 - its"),
        ("Sales rose - the company said", "Sales rose - the company said"),
    ],
)
def test_strip_dateline(paragraph: str, rest: str) -> None:
    from newsflow.processing.dedup_text import strip_dateline

    assert strip_dateline(paragraph) == rest


@pytest.mark.parametrize(
    "title, clean",
    [
        ("UPDATE 1-Hughes, Raytheon to Seek Navy Work | Global Markets Today", "Hughes, Raytheon to Seek Navy Work"),
        ("Credits for Ecuador Switched to veg oil :: Commodity Wire Digest", "Credits for Ecuador Switched to veg oil"),
        ("BUTLER TO PURCHASE NATURALITE - Harbour City News", "BUTLER TO PURCHASE NATURALITE"),
        ("(corrected)-Crazy Eddie Sets Rights", "Crazy Eddie Sets Rights"),
        ("Fed adds reserves", "Fed adds reserves"),
    ],
)
def test_strip_title(title: str, clean: str) -> None:
    from newsflow.processing.dedup_text import strip_title

    assert strip_title(title) == clean


def test_boilerplate_is_generic_furniture_only() -> None:
    from newsflow.processing.dedup_text import is_boilerplate

    for line in ["Published Apr 3, 2024 02:05 AM EST", "Updated 4 hours ago", "3 min read", "Advertisement",
                 "Comments (12)", "Share on Facebook  Share on Twitter  Email", "Markets | World | Business",
                 "Sign up for our daily newsletter.", "(Reporting by staff; editing by desk)",
                 "Copyright 2024 Example News. All rights reserved."]:
        assert is_boilerplate(line), line
    for line in ["Net 4,033,000 vs 3,398,000", "Year", "Updated figures were not available.",
                 "The company said it would publish results next week."]:
        assert not is_boilerplate(line), line


FURNITURE = [
    "Published Apr 3, 2024 02:05 AM EST", "first published 3 hours ago", "Last updated: yesterday", "3 min read",
    "ADVERTISEMENT", "Sponsored content", "Ad", "12 comments", "View 40 comments", "ShareTweetEmail",
    "Share this article", "Follow us on Instagram", "Log in to comment", "Listen to this article 4 min",
    "Report an error", "Read more: Markets tumble", "You may also like these stories",
    "© 2024 Example News", "(c) Example", "(Reporting by Ann Lee; Editing by Bo Chan)",
    "By Metro Staff Reporters", "This story was auto-generated from a wire feed.", "File photo: a harbour",
    "\u0663 min read",  # Arabic-Indic digit: \\d is Unicode
]


def test_boilerplate_prefix_filter_never_hides_a_match() -> None:
    """The cheap prefix check in is_boilerplate must admit every line the full pattern matches."""
    from newsflow.processing.dedup_text import _BOILERPLATE, is_boilerplate

    lines = list(FURNITURE)
    data = _shared_dir() / "dedup" / "pairs_dev.jsonl"
    if data.exists():  # and every line of the dev texts, furniture or not
        import json

        for row in map(json.loads, data.read_text(encoding="utf-8").splitlines()):
            lines += [ln.strip() for key in ("a_text", "b_text") for ln in row[key].splitlines()]
    for line in FURNITURE:
        assert _BOILERPLATE.match(line), line
    for line in lines:
        if line and len(line) <= 450 and _BOILERPLATE.match(line):
            assert is_boilerplate(line), line


@pytest.mark.parametrize("text", [
    "Prices rose 9-1/2 cents to 1,250.50 dlrs, up 3.5% on the week; O'Neil's fund_X said 12:30.",
    "it's -5 or 'quoted' 1990s a/b 3/4 50%",
])
def test_ascii_tokens_equal_the_general_pattern(text: str) -> None:
    """ASCII text takes the fast ASCII pattern; it must give the tokens of the general one."""
    from newsflow.processing.dedup_text import _TOKEN, raw_tokens

    assert raw_tokens(text) == _TOKEN.findall(text.casefold())
    assert raw_tokens(text + " café") == _TOKEN.findall((text + " café").casefold())  # general path

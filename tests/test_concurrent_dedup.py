"""Eight concurrent writers receive both copies of many stories at the same moment: one story per copy set."""

from __future__ import annotations

import random
import threading
from collections import defaultdict

from sqlalchemy import func, select

from newsflow.pipeline.ingest import copy_matcher
from newsflow.processing.dedup import fingerprint
from newsflow.storage.articles import store_article
from newsflow.storage.models import Article, Story
from newsflow.storage.records import ArticleRecord

WRITERS = 8
STORIES = 48
VOCABULARY = [f"w{i}" for i in range(4000)]


def story_text(rng: random.Random) -> str:
    paragraphs = [" ".join(rng.choices(VOCABULARY, k=rng.randint(25, 45))) + "." for _ in range(6)]
    return "\n\n".join(paragraphs)


def syndicated_copy(text: str) -> str:
    """The wire copy: last paragraph trimmed, a site line added."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[:-1] + ["Follow us for more news from the region."])


def record(url: str, body: str) -> ArticleRecord:
    fp = fingerprint(body)
    return ArticleRecord(
        url=url, source="wire", title=url, body=body, content_hash=fp.content_hash,
        band_keys=tuple(fp.band_keys), minhash=fp.to_bytes(), language="en",
    )


def test_one_story_per_copy_set_under_concurrent_writers(database):
    rng = random.Random(7)
    work: dict[int, list[ArticleRecord]] = defaultdict(list)
    for n in range(STORIES):
        original = story_text(rng)
        copies = [record(f"https://a.example/{n}", original), record(f"https://b.example/{n}", syndicated_copy(original))]
        # Each copy goes to a different writer, and every record is delivered twice (a retry).
        for offset, copy in enumerate(copies):
            work[(n + offset) % WRITERS].append(copy)
            work[(n + offset + 3) % WRITERS].append(copy)
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        try:
            barrier.wait()
            for item in work[index]:
                with database.sessions.begin() as session:
                    store_article(session, item, copy_matcher)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors

    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 2 * STORIES
        assert session.scalar(select(func.count()).select_from(Story)) == STORIES
        story_of = dict(session.execute(select(Article.url, Article.story_id)).all())
        assert all(story_of[f"https://a.example/{n}"] == story_of[f"https://b.example/{n}"] for n in range(STORIES))
        sizes = session.scalars(select(Story.article_count)).all()
        assert set(sizes) == {2}

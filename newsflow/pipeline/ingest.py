"""The ingest engine: the pipeline's steps as plain functions; ``flows/`` wraps them in Prefect tasks.

discover_links: find a source's article URLs and drop those already stored.
claim_unclaimed: the links no other source of this run and no other live run has claimed (RunClaims).
ingest_batch:   fetch and process one batch of URLs from one host (pages processed in worker processes,
                ``page_pool``), then store it in one transaction, recording every attempt.

Concurrent runs coordinate in the database: URL claims with leases (``RunClaims``,
``newsflow.storage.claims``) and per-host pacing (``newsflow.pipeline.pacing.DatabasePacer``).
A stop request (SIGTERM, see ``newsflow.cli.lifecycle``) ends the run between URLs: nothing new starts,
what was done is recorded, and the URLs not attempted are given back to the next run.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from newsflow.connectors.discover import DiscoveredLink, discover
from newsflow.connectors.fetch_result import FetchResult
from newsflow.connectors.http import HttpConfig, PoliteClient
from newsflow.connectors.sources import Source
from newsflow.pipeline import page_pool
from newsflow.pipeline.pacing import DatabasePacer
from newsflow.pipeline.report import NOT_FAILURES, SourceReport
from newsflow.processing.dedup import Fingerprint, copy_verdict
from newsflow.processing.identity import page_identity
from newsflow.processing.page import NotAnArticle, ProcessedPage
from newsflow.storage.archive import ArchivedPage, PackedPage, archive_pages, pack_page
from newsflow.storage.articles import known_urls, store_articles
from newsflow.storage.claims import claim_urls, db_now, finish_claims, release_claims, renew_claims
from newsflow.storage.db import Database
from newsflow.storage.fetch_log import FetchEntry, get_validators, record_fetches, save_validators
from newsflow.storage.records import ArticleRecord, StoreOutcome
from newsflow.storage.stories import StoryMoved

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Discovery:
    source: Source
    links: list[DiscoveredLink]
    report: SourceReport
    #: Why the source itself failed (its discovery document could not be fetched or parsed), else None.
    failure: str | None = None


class DatabaseValidators:
    """The client's ValidatorStore, kept in the ``http_validators`` table (conditional GET across runs)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, url: str) -> tuple[str | None, str | None]:
        with self.db.sessions() as session:
            return get_validators(session, url)

    def save(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.db.sessions.begin() as session:
            save_validators(session, url, etag, last_modified, _now())


_clients: dict[tuple[HttpConfig, str], PoliteClient] = {}
_clients_lock = threading.Lock()


def shared_client(config: HttpConfig, db: Database) -> PoliteClient:
    """One polite client per process and configuration, so per-host limits hold across task threads."""
    with _clients_lock:
        client = _clients.get((config, db.url))
        if client is None:
            client = _clients[(config, db.url)] = PoliteClient(config, validators=DatabaseValidators(db), pacer=DatabasePacer(db, hold=config.total_timeout + 5))
        return client


def close_clients() -> None:
    with _clients_lock:
        for client in _clients.values():
            client.close()
        _clients.clear()


def discover_links(source: Source, db: Database, client: PoliteClient, *, limit: int | None, refresh: bool, run_id: str | None, default_cap: int | None = None, record: bool = True) -> Discovery:
    """Discover a source's links; keep those not stored yet (all of them with ``refresh``)."""
    started = time.monotonic()
    report = SourceReport(source=source.name)
    caps = [cap for cap in (limit, source.max_new_urls, default_cap) if cap is not None]
    result = discover(source, client, limit=None, revalidate=not refresh)
    report.discovered = len(result.links)
    entries = [FetchEntry(source.name, r.url, r.status, r.reason, _now(), r.http_status) for r in result.rejected]
    report.failed.update(r.status for r in result.rejected if r.status not in NOT_FAILURES)
    report.reasons.update((r.status, r.reason) for r in result.rejected if r.status not in NOT_FAILURES)
    report.not_modified = sum(r.status == "not_modified" for r in result.rejected)
    links = result.links
    if not refresh and links:
        keys = [link.key for link in links]
        with db.sessions() as session:
            stored = known_urls(session, keys)
        fresh = [link for link, key in zip(links, keys) if key not in stored]
        report.skipped_known = len(links) - len(fresh)
        links = fresh
    if caps:
        links = links[: min(caps)]
    if record and entries:
        with db.sessions.begin() as session:
            record_fetches(session, run_id, entries)
    report.seconds = time.monotonic() - started
    return Discovery(source, links, report, discovery_failure(result))


#: Statuses of a rejected link that say nothing about the source itself.
_LINK_LEVEL = frozenset({"skipped", "invalid_url"})


def discovery_failure(result) -> str | None:
    """'http_error: HTTP 404 Not Found (https://...)' when the source yielded no link because its
    discovery document failed (unreachable, 404, blocked, not a feed); None otherwise (an empty but
    valid feed, or a 304 Not Modified, is not a failure)."""
    if result.links:
        return None
    for rejected in result.rejected:
        if rejected.status not in NOT_FAILURES and rejected.status not in _LINK_LEVEL:
            return f"{rejected.status}: {rejected.reason} ({rejected.url})"
    return None


# -- stopping between URLs ---------------------------------------------------------------------

_stop = threading.Event()


def request_stop() -> None:
    """Ask the running ingest to stop: no new batch or URL starts; running URLs finish."""
    _stop.set()


def stop_requested() -> bool:
    return _stop.is_set()


def reset_stop() -> None:
    _stop.clear()


# -- claims across runs --------------------------------------------------------------------------

#: Seconds a claim lives without its run's heartbeat (NEWSFLOW_CLAIM_LEASE): a killed run's URLs go
#: to the next run after this.
DEFAULT_LEASE = 300.0
#: Attempts (about a minute in all) at reaching the database for a claim before the run gives up.
_CLAIM_ATTEMPTS = 8


class RunClaims:
    """This run's URL claims: an in-run set (sources of one run) plus leases in the database.

    The leases of unfinished URLs are renewed by a heartbeat thread every ``lease / 3`` seconds until
    :meth:`close`, which gives the unfinished ones back. With ``shared=False`` (dry runs) only the
    in-run set is kept.
    """

    def __init__(self, db: Database | None, run_id: str | None, *, lease: float = DEFAULT_LEASE, shared: bool = True) -> None:
        self.db, self.run_id, self.lease = db, str(run_id) if run_id else None, lease
        self.local: set[str] = set()
        self.shared = bool(shared and db is not None and self.run_id)
        self.taken_by_others = 0
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None
        if self.shared:
            self.started = self._retrying(lambda session: db_now(session))
            self._heartbeat = threading.Thread(target=self._renew, name="newsflow-claims-heartbeat", daemon=True)
            self._heartbeat.start()

    def take(self, keys: list[str]) -> set[str]:
        """The keys granted to this run (not yet taken in this run, not held by another live run)."""
        wanted = [key for key in dict.fromkeys(keys) if key not in self.local]
        if not self.shared or not wanted:
            granted = set(wanted)
        else:
            granted = self._retrying(lambda session: claim_urls(session, wanted, self.run_id, lease=self.lease, run_started=self.started))
            self.taken_by_others += len(wanted) - len(granted)
        self.local.update(granted)
        return granted

    def close(self) -> None:
        """Stop the heartbeat and give the unfinished claims back (the next run takes them at once)."""
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=5)
        if self.shared:
            try:
                with self.db.sessions.begin() as session:
                    release_claims(session, self.run_id)
            except (OperationalError, InterfaceError) as exc:  # they expire after the lease instead
                log.warning("could not release this run's claims (%s); they expire in %.0f s", type(exc).__name__, self.lease)

    def _renew(self) -> None:
        while not self._stop.wait(max(self.lease / 3, 0.2)):
            try:
                with self.db.sessions.begin() as session:
                    renew_claims(session, self.run_id, lease=self.lease)
            except (OperationalError, InterfaceError) as exc:
                log.warning("claim heartbeat failed: %s (retrying)", type(exc).__name__)

    def _retrying(self, work):
        for attempt in range(1, _CLAIM_ATTEMPTS + 1):
            try:
                with self.db.sessions.begin() as session:
                    return work(session)
            except (OperationalError, InterfaceError):
                if attempt == _CLAIM_ATTEMPTS:
                    raise
                time.sleep(min(2.0 ** attempt / 2, 15.0))
        raise AssertionError("unreachable")


def claim_unclaimed(links: list[DiscoveredLink], claimed: "set[str] | RunClaims") -> list[DiscoveredLink]:
    """The links no other source of this run (nor, with ``RunClaims``, another live run) has claimed,
    by canonical URL; claims them.

    Feeds and sitemaps of one site often list the same articles, and concurrent runs often read the
    same sources: each article is fetched once.
    """
    if isinstance(claimed, RunClaims):
        granted = claimed.take([link.key for link in links])
        fresh, seen = [], set()
        for link in links:
            if link.key in granted and link.key not in seen:
                seen.add(link.key)
                fresh.append(link)
        return fresh
    fresh = []
    for link in links:
        if link.key not in claimed:
            claimed.add(link.key)
            fresh.append(link)
    return fresh


def batches_by_host(links: Iterable[DiscoveredLink], size: int) -> list[tuple[str, list[DiscoveredLink]]]:
    """Group links by host and cut each group into batches of at most ``size``."""
    by_host: dict[str, list[DiscoveredLink]] = {}
    for link in links:
        by_host.setdefault(urlsplit(link.url).netloc.lower(), []).append(link)
    return [(host, group[i : i + size]) for host, group in by_host.items() for i in range(0, len(group), size)]


def ingest_batch(source: Source, links: list[DiscoveredLink], db: Database, client: PoliteClient, *, run_id: str | None, refresh: bool = False, dry_run: bool = False, archive: bool = True, process_workers: int = 0) -> SourceReport:
    """Fetch and process each link, then store the batch; every attempt gets a ``fetches`` row, nothing raises."""
    started = time.monotonic()
    report = SourceReport(source=source.name)
    ready: list[_Ready] = []
    unstored: list[tuple[DiscoveredLink, FetchEntry]] = []  # attempts that store no page
    done: list[tuple[DiscoveredLink, FetchEntry]] = []  # such attempts, recorded
    pending_since = time.monotonic()
    for position, link in enumerate(links):
        if stop_requested():  # give the rest back to the next run
            if not dry_run and run_id:
                with db.sessions.begin() as session:
                    release_claims(session, str(run_id), [other.key for other in links[position:]])
            log.warning("stop requested: %d URL(s) of this batch left for the next run", len(links) - position)
            break
        outcome = _fetch_and_process(source, link, client, report, refresh=refresh, dry_run=dry_run, archive=archive,
                                     workers=process_workers)
        if isinstance(outcome, _Ready):
            ready.append(outcome)
        else:
            unstored.append((link, outcome))
        if not dry_run and time.monotonic() - pending_since >= MAX_PENDING_SECONDS:  # a slow (polite) host
            _flush(db, ready, unstored, source.name, run_id, report, done)
            pending_since = time.monotonic()
    if not dry_run:
        _flush(db, ready, unstored, source.name, run_id, report, done)
    for _, entry in done + unstored:
        if entry.status not in NOT_FAILURES:
            report.failed[entry.status] += 1
            report.reasons[(entry.status, entry.reason)] += 1
    report.seconds = time.monotonic() - started
    return report


#: A batch's processed pages wait at most this long for its store transaction: one from a fast host
#: batches up to ``batch_size`` pages, one from a slow or polite host is recorded within a second.
MAX_PENDING_SECONDS = 1.0


def _flush(db: Database, ready: list[_Ready], unstored: list[tuple[DiscoveredLink, FetchEntry]], source: str,
           run_id: str | None, report: SourceReport, done: list[tuple[DiscoveredLink, FetchEntry]]) -> None:
    """Store what is pending (one transaction) and move the attempts that stored nothing to ``done``."""
    if not ready and not unstored:
        return
    cpu = time.thread_time()
    failed = _store_batch(db, ready, unstored, source, run_id, report)
    report.cpu_seconds["store"] += time.thread_time() - cpu
    done.extend(unstored + failed)
    ready.clear()
    unstored.clear()


@dataclass(frozen=True)
class _Ready:
    """A fetched and processed page, waiting for its batch's store transaction."""

    link: DiscoveredLink
    fetched: FetchResult
    record: ArticleRecord
    archived: PackedPage | None  # the raw page to archive, compressed outside the store transaction


def _fetch_and_process(source: Source, link: DiscoveredLink, client: PoliteClient, report: SourceReport, *,
                       refresh: bool, dry_run: bool, archive: bool = False, workers: int = 0) -> "_Ready | FetchEntry":
    """Fetch and process one link: the page to store, or the fetch-log entry of an attempt that stores nothing."""
    started = time.thread_time()
    fetched = client.fetch(link.url, conditional=refresh)
    report.cpu_seconds["fetch"] += time.thread_time() - started
    if not fetched.ok:
        if fetched.status == "not_modified":
            report.not_modified += 1
        return FetchEntry(source.name, link.url, fetched.status, fetched.reason, fetched.attempted_at, fetched.http_status)
    try:
        page = page_pool.process(fetched.content or b"", fetched.final_url, fetched.content_type, workers)
    except NotAnArticle as exc:
        return FetchEntry(source.name, link.url, "parse_error", str(exc), fetched.attempted_at, fetched.http_status)
    except Exception as exc:  # an extractor bug must cost one URL, not the run
        return FetchEntry(source.name, link.url, "parse_error", f"extraction failed: {type(exc).__name__}: {exc}",
                          fetched.attempted_at, fetched.http_status)
    report.cpu_seconds.update(page.cpu_seconds)
    record = build_record(source.name, page, requested_url=link.url, final_url=fetched.final_url, listed_published_at=link.published_at)
    report.topics[page.topic.label] += 1
    if dry_run:
        return FetchEntry(source.name, link.url, "fetched", "dry run: processed, not stored", fetched.attempted_at, fetched.http_status)
    archived = None
    if archive:
        started = time.thread_time()
        archived = pack_page(ArchivedPage(record.url, source.name, fetched.attempted_at, fetched.content_type, fetched.content or b""))
        report.cpu_seconds["store"] += time.thread_time() - started
    return _Ready(link, fetched, record, archived)


def _store_batch(db: Database, ready: list[_Ready], unstored: list[tuple[DiscoveredLink, FetchEntry]], source: str,
                 run_id: str | None, report: SourceReport) -> list[tuple[DiscoveredLink, FetchEntry]]:
    """Store the batch in ONE transaction: the store lock, every page, their archived copies, every
    attempt's fetch-log entry and claim; so a killed run leaves no stored page unaccounted for, and
    the batch costs a few statements per page. When a page cannot be stored (or a story moved under
    it), the transaction is rolled back and the pages are stored one per transaction, which isolates
    the bad one. Returns the pages that could not be stored, as failed attempts."""
    try:
        with db.sessions.begin() as session:
            outcomes = _write_pages(session, ready, unstored, source, run_id)
    except (OperationalError, InterfaceError):
        raise  # the database went away: the task is retried (newsflow.flows.retry)
    except (SQLAlchemyError, StoryMoved) as exc:
        log.info("batch store of %d pages rolled back (%s: %s); storing them one by one", len(ready), type(exc).__name__, exc)
        return _store_one_by_one(db, ready, unstored, source, run_id, report)
    for outcome in outcomes:
        _count(report, outcome)
    return []


def _store_one_by_one(db: Database, ready: list[_Ready], unstored: list[tuple[DiscoveredLink, FetchEntry]], source: str,
                      run_id: str | None, report: SourceReport) -> list[tuple[DiscoveredLink, FetchEntry]]:
    """The batch's slow path: each page in its own transaction (with its entry and claim), then the rest."""
    failed: list[tuple[DiscoveredLink, FetchEntry]] = []
    for item in ready:
        try:
            _count(report, _store(db, item, source, run_id))
        except (OperationalError, InterfaceError):
            raise
        except (SQLAlchemyError, StoryMoved) as exc:  # this record cannot be stored: it costs one URL
            failed.append((item.link, FetchEntry(
                source, item.link.url, "store_error", f"not stored: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}",
                item.fetched.attempted_at, item.fetched.http_status)))
    if unstored or failed:  # one write for the rest; after a crash the next run fetches them again
        with db.sessions.begin() as session:
            _write_pages(session, [], unstored + failed, source, run_id)
    return failed


#: Attempts at storing one page when concurrent writers keep merging the stories it joins.
STORE_ATTEMPTS = 5


def _store(db: Database, item: _Ready, source: str, run_id: str | None) -> StoreOutcome:
    """Store one page, archive it, and record the attempt (and finish its claim) in one transaction;
    retried when a story moved."""
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with db.sessions.begin() as session:
                return _write_pages(session, [item], [], source, run_id)[0]
        except StoryMoved:
            if attempt == STORE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _write_pages(session: Session, ready: list[_Ready], unstored: list[tuple[DiscoveredLink, FetchEntry]], source: str,
                 run_id: str | None) -> list[StoreOutcome]:
    """In the session's transaction: store the pages and archive them, then write every attempt's
    fetch-log entry and finish its claim; the store outcomes, in order."""
    outcomes = store_articles(session, [item.record for item in ready], copy_matcher)
    archive_pages(session, [item.archived for item in ready if item.archived is not None])
    entries = [_stored_entry(item, outcome, source) for item, outcome in zip(ready, outcomes)]
    record_fetches(session, run_id, entries + [entry for _, entry in unstored])
    if run_id:
        finish_claims(session, [item.link.key for item in ready] + [link.key for link, _ in unstored], str(run_id))
    return outcomes


def _stored_entry(item: _Ready, outcome: StoreOutcome, source: str) -> FetchEntry:
    status, reason = describe_outcome(outcome)
    fetched = item.fetched
    return FetchEntry(source, item.link.url, status, reason, fetched.attempted_at, fetched.http_status, outcome.article_id)


def _count(report: SourceReport, outcome: StoreOutcome) -> None:
    counter = _COUNTER_OF[outcome.kind]
    setattr(report, counter, getattr(report, counter) + 1)


#: The SourceReport counter each store outcome adds to.
_COUNTER_OF = {"new_story": "new_stories", "exact_copy": "exact_copies", "near_copy": "near_copies",
               "canonical_copy": "canonical_copies", "updated": "updated", "unchanged": "unchanged"}


def describe_outcome(outcome: StoreOutcome) -> tuple[str, str]:
    """The fetch status and the sentence the ``fetches`` table records for a stored page."""
    a, story, match = outcome.article_id, outcome.story_id, outcome.matched_article_id
    return {
        "new_story": ("fetched", f"stored as article {a}, new story {story}"),
        "exact_copy": ("fetched", f"stored as article {a} in story {story}: the same text as article {match}"),
        "near_copy": ("fetched", f"stored as article {a} in story {story}: a copy of article {match} (similarity {outcome.similarity:.2f})"),
        "canonical_copy": ("fetched", f"stored as article {a} in story {story}: its canonical link names article {match}"),
        "updated": ("fetched", f"article {a} updated: its page changed"),
        "unchanged": ("duplicate", f"already stored as article {a}; unchanged"),
    }[outcome.kind]


def build_record(
    source: str, page: ProcessedPage, *, requested_url: str, final_url: str, listed_published_at: datetime | None = None
) -> ArticleRecord:
    """The storable record: page identity (URL, aliases, declared original), clean fields, fingerprint, topic.

    ``listed_published_at`` (from the feed or sitemap) is used when the page states no date.
    """
    article, topic = page.article, page.topic
    identity = page_identity(requested_url=requested_url, final_url=final_url, canonical_url=article.canonical_url)
    published_at, evidence = article.published_at, article.published_at_evidence
    if published_at is None and listed_published_at is not None:
        published_at, evidence = listed_published_at, "feed"
    return ArticleRecord(
        url=identity.url, aliases=identity.aliases, declared_original=identity.declared_original,
        source=source, title=article.title, body=article.body,
        content_hash=page.fingerprint.content_hash, band_keys=tuple(page.fingerprint.band_keys),
        minhash=page.fingerprint.to_bytes(), canonical_url=article.canonical_url,
        published_at=published_at, published_at_evidence=evidence, modified_at=article.modified_at,
        modified_at_evidence=article.modified_at_evidence, authors=tuple(article.authors),
        language=article.language, site_name=article.site_name, description=article.description,
        image_url=article.image_url, removed=article.removed_as_json(), topic=topic.label,
        topic_score=round(topic.scores[topic.label], 4), topic_evidence=tuple(topic.evidence),
        topic_model=page.topic_model, extractor_version=page.extractor_version, dedup_version=page.dedup_version,
    )


def copy_matcher(new: bytes, stored: bytes) -> float | None:
    """The copy verdict of ``newsflow.processing.dedup`` on two stored fingerprints: their similarity
    when one text is a copy of the other, else None (storage links the story)."""
    try:
        a, b = Fingerprint.from_bytes(new), Fingerprint.from_bytes(stored)
    except ValueError:  # stored under another MinHash version: reprocess re-fingerprints it
        return None
    verdict = copy_verdict(a, b)
    return verdict.similarity if verdict is not None else None


def _now() -> datetime:
    return datetime.now(timezone.utc)

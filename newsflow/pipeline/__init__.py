"""The pipeline engine the flows call: ingest (discover, fetch, process, store), reprocess, the run report.

Plain functions over plain config objects; ``newsflow.flows`` wraps them in Prefect tasks.
"""

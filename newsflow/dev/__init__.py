"""Development tools, never imported by the runtime: the demo site, evaluation and training.

Only the CLI's ``demo``, ``eval`` and ``train`` commands import from here (tests check it).
"""

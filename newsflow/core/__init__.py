"""The bottom floor: concepts every layer shares, with one home each (URLs, dates, HTML decoding).

Pure functions and value types; nothing here imports another part of newsflow.
"""

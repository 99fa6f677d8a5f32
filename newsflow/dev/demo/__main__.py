"""``python -m newsflow.dev.demo [SOURCES.toml]``: serve the demo sites until Ctrl-C.

Prints the base URLs and the sources file (and writes it when a path is given).
"""

from __future__ import annotations

import signal
import sys
import threading

from newsflow.dev.demo.server import DemoSite


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly on kill/timeout too
    with DemoSite() as demo:
        for site, base in demo.base_urls.items():
            print(f"{site}: {base}/")
        if args:
            print(f"sources written to {demo.write_sources(args[0])}")
        print(demo.sources_toml())
        print("Serving; press Ctrl-C to stop.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

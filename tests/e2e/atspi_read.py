"""Read the running app's accessibility tree through AT-SPI (run with Debian's python3, which
has pyatspi) and print it as JSON: every node with its role, name, states and depth."""

from __future__ import annotations

import json
import sys
import time

import pyatspi


def find_app(name: str, timeout: float) -> object | None:
    end = time.time() + timeout
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and name in (app.name or ""):
                return app
        time.sleep(0.3)
    return None


def walk(node, depth, out, limit=40):  # type: ignore[no-untyped-def]
    if node is None or depth > limit:
        return
    try:
        states = node.getState()
        out.append(
            {
                "role": node.getRoleName(),
                "name": node.name or "",
                "description": node.description or "",
                "depth": depth,
                "showing": states.contains(pyatspi.STATE_SHOWING),
                "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
                "checked": states.contains(pyatspi.STATE_CHECKED),
            }
        )
        for i in range(node.childCount):
            walk(node.getChildAtIndex(i), depth + 1, out, limit)
    except Exception as exc:
        out.append({"role": "error", "name": str(exc), "depth": depth, "showing": False})


def main() -> int:
    app = find_app(sys.argv[1], float(sys.argv[2]))
    if app is None:
        print(json.dumps({"error": "application not found on the accessibility bus"}))
        return 1
    time.sleep(float(sys.argv[3]) if len(sys.argv) > 3 else 0)
    nodes: list[dict[str, object]] = []
    walk(app, 0, nodes)
    print(json.dumps({"nodes": nodes}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

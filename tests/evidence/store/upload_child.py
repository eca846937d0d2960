"""A stand-in for the web server process handling resumable uploads, for the restart test.

Run as `python -m tests.evidence.store.upload_child ROOT`. Reads one JSON request per line on
stdin and answers one JSON line on stdout, as the upload views will over HTTP.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

from liuhen.evidence.store import LocalStore, Uploads


def handle(uploads: Uploads, request: dict[str, Any]) -> dict[str, Any]:
    operation = request["op"]
    if operation == "begin":
        session = uploads.upload_begin(
            total_size=request["total_size"], chunk_size=request["chunk_size"]
        )
        return {"upload_id": session.upload_id}
    if operation == "chunk":
        status = uploads.upload_chunk(
            request["upload_id"],
            offset=request["offset"],
            data=base64.b64decode(request["data"]),
            sha256=request["sha256"],
        )
        return {"received_bytes": status.received_bytes}
    if operation == "status":
        status = uploads.upload_status(request["upload_id"])
        return {"missing": [list(r) for r in status.missing]}
    if operation == "complete":
        return {"sha256": uploads.upload_complete(request["upload_id"]).sha256}
    raise ValueError(operation)


def main(root: str) -> None:
    store = LocalStore(Path(root), chunk_size=256 * 1024)
    uploads = Uploads(store.uploads_dir, store)
    for line in sys.stdin:
        print(json.dumps(handle(uploads, json.loads(line))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

"""``ion-lineage-mlflow sync --tracking-uri http://mlflow:5000 --server http://lineage:4000 --token …``

Prints one JSON line: what was recorded, what waits in the spool, and the dead letters; exits 1
when the server refused something (see the spool's dead letters) or delivery did not finish.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict

from ..client import LineageClient


def _graphql_url(server: str) -> str:
    server = server.rstrip("/")
    return server if server.endswith("/graphql") else f"{server}/graphql"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ion-lineage-mlflow", description="Record MLflow runs, models and registry decisions in ION Lineage.")
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("sync", help="record what is new since the last sync")
    s.add_argument("--tracking-uri", default=os.environ.get("MLFLOW_TRACKING_URI"), help="MLflow tracking (and registry) URI")
    s.add_argument("--server", default=os.environ.get("ION_LINEAGE_URL"), help="ION Lineage base URL or /graphql endpoint")
    s.add_argument("--token", default=os.environ.get("ION_LINEAGE_TOKEN"), help="a token with the INGEST role (default $ION_LINEAGE_TOKEN)")
    s.add_argument("--scope", default="default", help="names this MLflow server in ids (mlflow:<scope>:...)")
    s.add_argument("--state", default=os.path.expanduser("~/.local/state/ion-lineage/mlflow-sync.json"), help="cursor and ids already recorded")
    s.add_argument("--spool-dir", default=os.path.expanduser("~/.local/state/ion-lineage/mlflow-spool"), help="the client's durable spool")
    s.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the server's confirmation")
    s.add_argument("--no-digests", action="store_true", help="do not download model artifacts to digest them")
    args = parser.parse_args(argv)
    if not args.tracking_uri or not args.server:
        parser.error("--tracking-uri and --server are required")

    from .sync import sync

    os.makedirs(os.path.dirname(os.path.abspath(args.state)), exist_ok=True)
    client = LineageClient(_graphql_url(args.server), args.spool_dir, token=args.token, flush_interval=0.2)
    before = len(client.dead_letters())
    try:
        result = sync(args.tracking_uri, client, state_file=args.state, scope=args.scope, artifact_digests=not args.no_digests)
    finally:
        remaining = client.close(timeout=args.timeout)
    refused = client.dead_letters()[before:]
    print(json.dumps({**asdict(result), "remaining": remaining, "deadLetters": [{"part": d.part, "code": d.code, "message": d.message} for d in refused]}))
    return 0 if remaining == 0 and not refused else 1


if __name__ == "__main__":
    sys.exit(main())

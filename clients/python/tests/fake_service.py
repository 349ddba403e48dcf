"""A stand-in for the service's GraphQL endpoint in the client's own tests: subclasses answer each delivery."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeService(BaseHTTPRequestHandler):
    """Reads a delivery's bundle and answers with JSON, quietly."""

    def bundle(self) -> dict:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        return body["variables"]["bundle"]

    def answer(self, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def serve(handler: type[FakeService]) -> tuple[ThreadingHTTPServer, str]:
    """Starts `handler` on a free local port; returns the server and its GraphQL URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/graphql"

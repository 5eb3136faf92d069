"""The Playground at ``/datamodel``: GraphQL Playground, served from this package.

The document describes GraphQL Playground (queries on the left, results on
the right, a play button in the middle, an HTTP HEADERS editor bottom-left
taking JSON, "copy cURL"). Its browser bundle (graphql-playground-react
1.7.28, MIT, see ``static/PLAYGROUND-LICENSE``) ships in ``static/``
gzip-compressed, so the page works with no network at all.

The page opens a tab on ``/datamodel/query`` with the document's first
example and the headers ``{"X-Telenia-APIKey": "XXXXXXXX-…"}`` (the default
tenant's key); schema polling is off, so an idle Playground does not spend
the 100 requests a minute.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, request

STATIC = Path(__file__).with_name("static")
PLACEHOLDER_KEY = "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"
EXAMPLE = """query {
  inboundCall(id: "1588581589.1320") {
    id
    step
    startTime
    endTime
  }
}
"""

PAGE = """<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="user-scalable=no, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, minimal-ui">
  <title>TVox Data Model - Playground</title>
  <link rel="shortcut icon" href="/datamodel/static/favicon.png" />
  <link rel="stylesheet" href="/datamodel/static/playground.css" />
  <script src="/datamodel/static/playground.js"></script>
</head>
<body>
  <div id="root"></div>
  <script>
    window.addEventListener('load', function () {
      GraphQLPlayground.init(document.getElementById('root'), %CONFIG%);
    });
  </script>
</body>
</html>
"""


def page_config(endpoint: str) -> dict:
    return {
        "endpoint": endpoint,
        "settings": {"schema.polling.enable": False, "request.credentials": "omit", "editor.theme": "dark",
                     "editor.reuseHeaders": True, "tracing.hideTracingResponse": True},
        "tabs": [{"endpoint": endpoint, "name": "inboundCall", "query": EXAMPLE,
                  "headers": {"X-Telenia-APIKey": PLACEHOLDER_KEY}}],
    }


def render_page(endpoint: str = "/datamodel/query") -> str:
    config = json.dumps(page_config(endpoint)).replace("</", "<\\/")
    return PAGE.replace("%CONFIG%", config)


@lru_cache(maxsize=None)
def _asset(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def register_playground(app: Flask) -> None:
    def playground() -> Response:
        return Response(render_page(), content_type="text/html; charset=utf-8")

    def script() -> Response:
        packed = _asset("playground.js.gz")
        if "gzip" in (request.headers.get("Accept-Encoding") or ""):
            response = Response(packed, content_type="application/javascript; charset=utf-8")
            response.headers["Content-Encoding"] = "gzip"
        else:
            response = Response(gzip.decompress(packed), content_type="application/javascript; charset=utf-8")
        response.headers["Cache-Control"] = "public, max-age=86400"
        response.headers["Vary"] = "Accept-Encoding"
        return response

    def asset(name: str) -> Response:
        types = {"playground.css": "text/css; charset=utf-8", "favicon.png": "image/png"}
        if name not in types:
            return Response("not found", status=404, content_type="text/plain")
        response = Response(_asset(name), content_type=types[name])
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    app.add_url_rule("/datamodel", "tvox_datamodel_playground", playground, methods=["GET"])
    app.add_url_rule("/datamodel/", "tvox_datamodel_playground_slash", playground, methods=["GET"])
    app.add_url_rule("/datamodel/static/playground.js", "tvox_datamodel_playground_js", script, methods=["GET"])
    app.add_url_rule("/datamodel/static/<name>", "tvox_datamodel_asset", asset, methods=["GET"])

"""``studyprint serve``: the web page and its HTTP API, on the same engine as the CLI.

Stages: ``fields`` reads a request's form into a typed :class:`work.Task`;
``gate`` runs each task in a worker process of its own with a time limit and a
bounded queue; ``work`` does the task with the CLI's loader and render door;
``app`` is the ASGI application (pages, API, password, CSRF, upload limits).
"""

"""The real app behind gunicorn, plus one path that says how many objects the worker it runs
in inherited frozen from the master (gc.freeze in deploy/gunicorn.conf.py's when_ready)."""

import gc

from jobboard.wsgi import application as jobboard


def application(environ, start_response):
    if environ["PATH_INFO"] == "/frozen-objects":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(gc.get_freeze_count()).encode()]
    return jobboard(environ, start_response)

"""A form posted after the session has expired: kept across signing in, so nothing typed is lost.

Sign-in is required everywhere (finsam.two_factor.middleware); a form posted by someone whose
session has expired is answered with the sign-in page and its data would be gone. For views
marked `keeps_post_across_login`, the middleware keeps the posted fields in the (new,
anonymous) session first; signing in keeps the session's data, and the view, shown again
after sign-in, gets the fields back from `kept_post` and shows them unsaved, to be checked
and saved again. Nothing is saved on the user's behalf: the starting values posted with
the form still refuse a stale save when the user saves again.
"""

import time
from collections.abc import Callable

from django.http import HttpRequest, QueryDict

_KEPT = "finsam_kept_post"
# A form kept longer than this is not offered back (someone else may sign in on that computer).
KEPT_SECONDS = 2 * 60 * 60
# The fields kept are a form's, not an upload's: more than this is not kept.
_MAX_FIELDS = 2000


def keeps_post_across_login(view: Callable) -> Callable:
    """Mark a view whose form, posted after the session expired, is kept across sign-in."""
    view.keeps_post_across_login = True  # type: ignore[attr-defined]
    return view


def keep_post(request: HttpRequest, view: Callable) -> None:
    """Keep the posted fields of a marked view (the middleware calls it before sign-in)."""
    if request.method != "POST" or not getattr(view, "keeps_post_across_login", False):
        return
    fields = {
        name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
    }
    if len(fields) > _MAX_FIELDS:
        return
    request.session[_KEPT] = {"path": request.path, "at": time.time(), "fields": fields}


def kept_post(request: HttpRequest) -> QueryDict | None:
    """The fields kept for this page, once (they are removed), or None."""
    kept = request.session.get(_KEPT)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[_KEPT]
    if time.time() - kept.get("at", 0) > KEPT_SECONDS:
        return None
    data = QueryDict(mutable=True)
    for name, values in kept["fields"].items():
        data.setlist(name, values)
    return data

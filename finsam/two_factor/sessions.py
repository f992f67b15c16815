"""Turning two-factor sign-in on ends the user's other sessions, as a password change does.

Whoever was signed in elsewhere with the password alone (perhaps someone who had learnt it)
must then sign in again, code included. Django ends other sessions after a password change
through the session's password hash; turning on the second step changes no password, so the
other sessions are found and deleted here. Sessions live in the database (Django's default
engine), each with its user's id in the signed session data.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone


def other_sessions_end(request: HttpRequest) -> int:
    """Delete every live session of the request's user but this one, which gets a new key
    (as `update_session_auth_hash` does). Returns how many were ended."""
    user_id = str(request.user.pk)
    keep = request.session.session_key
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep)
    ended = [s.session_key for s in live.iterator() if s.get_decoded().get(SESSION_KEY) == user_id]
    Session.objects.filter(session_key__in=ended).delete()
    request.session.cycle_key()
    return len(ended)

"""Expose the current user's roles to templates (for showing links; enforcement is elsewhere)."""

from luoshi_web.org.access import actor_for


def actor(request) -> dict:
    return {"actor": actor_for(getattr(request, "user", None))}

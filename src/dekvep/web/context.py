from dekvep.core.selectors import user_roles

from .navigation import items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": []}
    roles = user_roles(user)
    unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "nav_items": items_for(user, roles),
        "user_roles": roles,
        "unread_notifications": unread,
    }

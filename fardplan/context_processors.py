from django.http import HttpRequest

from core import roles as checks


def roles(request: HttpRequest) -> dict:
    """What the signed-in user may do, for templates to hide controls.
    Views enforce the same checks; hiding is only a courtesy."""
    user = request.user
    return {
        "can_edit_plans": checks.can_edit_plans(user),
        "can_review": checks.can_review(user),
        "can_import_staffing": checks.can_import_staffing(user),
        "can_read_staffing": checks.can_read_staffing(user),
    }

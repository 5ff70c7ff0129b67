"""Who an application is shown as: in a blind phase reviewers see only its reference."""

from pathlib import Path

from dekvep.core.rules import is_programme_staff, member_organisation_ids


def identity_hidden(user, call) -> bool:
    """True when ``user`` must not learn who is behind the call's applications."""
    if not call.is_blind:
        return False
    return not is_programme_staff(user, call.programme)


def applicant_name(application, user) -> str:
    if application.organisation_id in member_organisation_ids(user):
        return application.organisation.name
    if identity_hidden(user, application.call):
        return application.reference
    return application.organisation.name


def download_name(answer) -> str:
    """The name a file is downloaded under: the application's reference, never the applicant."""
    suffix = Path(answer.file.name).suffix.lower()
    return f"{answer.application.reference}-q{answer.question_id}{suffix}"

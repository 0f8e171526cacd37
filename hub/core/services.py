"""The one service error type, and the one helper that shows it on a form.

Services raise ``PermissionDenied`` for "you may not" (the view answers 403) and
``ServiceError`` for "that cannot happen now" (full, closed, already done, a file refused).
Views follow one pattern::

    try:
        services.do_something(...)
    except ServiceError as error:
        apply_service_error(form, error)

The core imports no content app, so every app can use this module.
"""

from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ServiceError(Exception):
    """A change that cannot happen now, with plain messages to show the person.

    ``field`` names the form field the message belongs to, when there is one; ``code`` is a
    short machine-readable reason (``"full"``, ``"closed"``) for callers that branch on it.
    One error may carry several messages (see :meth:`from_validation_error`).
    """

    def __init__(self, message, *, field=None, code=None):
        self.errors = [(field, str(message))]
        self.field = field
        self.code = code
        super().__init__(str(message))

    @property
    def message(self):
        """All the messages as one sentence-per-message string."""
        return " ".join(text for _, text in self.errors)

    @property
    def messages(self):
        """The messages alone, in order."""
        return [text for _, text in self.errors]

    def __str__(self):
        return self.message

    @classmethod
    def from_validation_error(cls, error, *, field=None):
        """Turn a Django ``ValidationError`` (a model's ``full_clean``, an upload check) into a
        ServiceError that keeps each message with its field. ``field`` is used for messages
        that name none (an upload check's message belongs to the file field)."""
        if hasattr(error, "error_dict"):
            pairs = [
                (None if name == NON_FIELD_ERRORS else name, text)
                for name, texts in error.message_dict.items()
                for text in texts
            ]
        else:
            pairs = [(field, text) for text in error.messages]
        first_field, first_text = pairs[0] if pairs else (field, "That could not be done.")
        service_error = cls(first_text, field=first_field, code=getattr(error, "code", None))
        service_error.errors = pairs or service_error.errors
        return service_error


@contextmanager
def validation_as_service_error(*, field=None):
    """Inside a service, turn a ``ValidationError`` (a model's ``full_clean``, an upload
    check) into a ServiceError, so the service's callers catch one type."""
    try:
        yield
    except ValidationError as error:
        raise ServiceError.from_validation_error(error, field=field) from error


def apply_service_error(form, error):
    """Put a ServiceError's messages on ``form``: on the field when the form has it, else as
    a non-field error. The form keeps the person's input, so they can correct and resend."""
    for field, text in error.errors:
        form.add_error(field if field in form.fields else None, text)

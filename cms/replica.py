"""Optional read replica (``DATABASE_REPLICA_URL``): anonymous GETs read from it, everything
else uses the primary.

Replication lags a little, so whoever just wrote (any request that changed a row) reads the
primary for ``PRIMARY_PIN_SECONDS`` afterwards: a short cookie says so on their next requests.
"""

import contextvars

from django.conf import settings
from django.db import connections

PRIMARY_COOKIE = "sok_primary"
PRIMARY_PIN_SECONDS = 30
WRITES = ("INSERT", "UPDATE", "DELETE")
reading_replica = contextvars.ContextVar("reading_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if reading_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PrimaryAfterWriteMiddleware:
    """Routes an anonymous GET to the replica unless its visitor wrote a moment ago; pins the
    visitor to the primary after any request that wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "replica" not in settings.DATABASES:
            return self.get_response(request)
        wrote = []

        def spot_writes(execute, sql, params, many, context):
            if sql.lstrip()[:6].upper() in WRITES:
                wrote.append(True)
                reading_replica.set(False)  # read what was just written, in this request too
            return execute(sql, params, many, context)

        token = reading_replica.set(self.may_read_replica(request))
        try:
            with connections["default"].execute_wrapper(spot_writes):
                response = self.get_response(request)
        finally:
            reading_replica.reset(token)
        if wrote or request.method not in ("GET", "HEAD"):
            response.set_cookie(
                PRIMARY_COOKIE,
                "1",
                max_age=PRIMARY_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    @staticmethod
    def may_read_replica(request):
        return (
            request.method in ("GET", "HEAD")
            and PRIMARY_COOKIE not in request.COOKIES
            and not request.user.is_authenticated
        )

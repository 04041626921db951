"""``X-SQL-Queries``: how many SQL statements a request ran, for ``make bench``.

On only when the setting ``SQL_COUNT_HEADER`` is true (environment ``SQL_COUNT_HEADER=1``; off
by default, also in production); otherwise Django drops the middleware at start-up. A streamed
response counts what ran before its body, which is read later.
"""

from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

HEADER = "X-SQL-Queries"


class QueryCountMiddleware:
    def __init__(self, get_response):
        if not settings.SQL_COUNT_HEADER:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counted))
            response = self.get_response(request)
        response[HEADER] = str(count)
        return response

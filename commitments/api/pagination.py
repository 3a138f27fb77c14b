from django.core.paginator import InvalidPage, PageNotAnInteger
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`page` and `page_size` (default 100, at most 1000; a larger size is cut to 1000).

    A `page_size` that is not a whole number of 1 or more is a 400, not the default size. Each
    page names its neighbours in a `Link` header (RFC 8288) as well as in the body.
    """

    page_size_query_param = "page_size"
    max_page_size = 1000
    # drf-stubs type it str; DRF passes it through force_str.
    page_size_query_description = _("Rows per page: default 100, at most 1000.")  # type: ignore[assignment]

    def get_page_size(self, request):
        given = request.query_params.get(self.page_size_query_param)
        if given is not None:
            try:
                size = int(given)
            except ValueError:
                size = 0
            if size < 1:
                raise ValidationError(
                    {
                        self.page_size_query_param: [
                            _("Give a whole number of rows from 1 to %(max)d.")
                            % {"max": self.max_page_size}
                        ]
                    }
                )
        return super().get_page_size(request)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            if isinstance(exc.__context__, PageNotAnInteger) or (
                isinstance(exc.__context__, InvalidPage) and self._below_one(request)
            ):
                raise ValidationError(
                    {self.page_query_param: [_("Give a page number of 1 or more, or 'last'.")]}
                ) from exc
            raise

    def _below_one(self, request) -> bool:
        try:
            return int(request.query_params.get(self.page_query_param, "1")) < 1
        except ValueError:
            return True

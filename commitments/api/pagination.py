from django.core.paginator import InvalidPage, PageNotAnInteger
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """`page` and `page_size` (default 100, at most 1000; a larger size is cut to 1000)."""

    page_size_query_param = "page_size"
    max_page_size = 1000
    page_size_query_description = _("Rows per page: default 100, at most 1000.")

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

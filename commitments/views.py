from django.http import HttpResponse


def overview(request):
    return HttpResponse("R2P Tracker")


def country(request, iso3):
    return HttpResponse(iso3)


def treaty(request, key):
    return HttpResponse(key)

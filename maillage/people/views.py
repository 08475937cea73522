# Placeholder replaced by the people UI work in this same change.
from django.http import HttpResponse


def search(request):
    return HttpResponse()


create = merge = detail = search

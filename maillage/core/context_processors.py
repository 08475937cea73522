from maillage.core.navigation import entries_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "current_section": ""}
    section = request.path.strip("/").split("/", 1)[0]
    return {"navigation": entries_for(user), "current_section": section}

"""Wagtail's snippet choosers that list, and hand back, only what the person may see.

Facilitators use the admin but are not in every partnership, so a chooser asks the same
question as every other list. A chooser viewset says what a person may choose with
``seen(request, objects)``; its lists (choose and search results) and the objects it hands
back once chosen (one or several, by id) are all narrowed by it, so an id typed into the
address is refused as the list would refuse it.
"""

from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)


class _SeenOnly:
    seen = None  # given by SeenOnlyChooserViewSet: seen(request, objects) -> objects

    def get_object_list(self):
        return self.seen(self.request, super().get_object_list())

    def get_object(self, pk):
        return self.seen(self.request, self.model_class.objects.all()).get(pk=pk)

    def get_objects(self, pks):
        return self.seen(self.request, super().get_objects(pks))


class _Choose(_SeenOnly, ChooseView):
    pass


class _ChooseResults(_SeenOnly, ChooseResultsView):
    pass


class _Chosen(_SeenOnly, SnippetChosenView):
    pass


class _ChosenMultiple(_SeenOnly, SnippetChosenMultipleView):
    pass


class SeenOnlyChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser showing a person only ``seen(request, objects)``: override it."""

    choose_view_class = _Choose
    choose_results_view_class = _ChooseResults
    chosen_view_class = _Chosen
    chosen_multiple_view_class = _ChosenMultiple

    def seen(self, request, objects):
        """What of ``objects`` the person making ``request`` may choose."""
        raise NotImplementedError

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, _SeenOnly):
            kwargs["seen"] = self.seen
        return super().construct_view(view_class, **kwargs)

"""The browsable API without HTML forms: no related field's choice list is ever rendered.

DRF's browsable API renders, for POST and PUT, an HTML form with a ``<select>`` of every row a
related field accepts. Those choices are scoped (``ScopedModelSerializer``), but a district has
thousands of enterprises and people: the pages pick related records through the scoped
autocomplete instead, and the browsable API keeps only its raw JSON form (and the scoped filter
form). What a request may write is still decided by the serializer.
"""

from rest_framework.renderers import BrowsableAPIRenderer


class FormlessBrowsableAPIRenderer(BrowsableAPIRenderer):
    def get_rendered_html_form(self, data, view, method, request):
        return None

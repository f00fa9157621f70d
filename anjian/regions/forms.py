from anjian.core.autocomplete import AutocompleteSelect
from anjian.core.forms import ScopedModelForm
from anjian.regions.models import Region


class RegionForm(ScopedModelForm):
    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]
        widgets = {"parent": AutocompleteSelect(Region)}

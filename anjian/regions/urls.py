from anjian.core.urls_helpers import model_urls
from anjian.regions import views
from anjian.regions.models import Region

app_name = "regions"

urlpatterns = model_urls(
    Region,
    list_view=views.RegionListView,
    detail_view=views.RegionDetailView,
    create_view=views.RegionEditView,
    update_view=views.RegionEditView,
    delete_view=views.RegionDeleteView,
    import_view=views.RegionImportView,
    template_view=views.RegionImportTemplateView,
)

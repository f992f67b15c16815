from django.urls import path

from budgets.views import (
    adoption,
    comments,
    files,
    followup,
    grid,
    history,
    ordering,
    structure,
    successor,
)

app_name = "budgets"
urlpatterns = [
    path("", grid.document_list, name="list"),
    path("ny/", grid.document_new, name="new"),
    path("las-in/", files.upload, name="upload"),
    path("las-in/<int:pk>/", files.import_preview, name="import_preview"),
    path("las-in/<int:pk>/beslut/", files.import_decide, name="import_decide"),
    path("<int:pk>/", grid.document_grid, name="document"),
    path("<int:pk>/xlsx/", files.export, name="export"),
    path("<int:pk>/uppfoljning/", followup.follow_up_page, name="followup"),
    path("<int:pk>/andringar/", history.history, name="history"),
    path("<int:pk>/rader/<int:line>/historik/", history.line_history, name="line_history"),
    path(
        "<int:pk>/rader/<int:line>/kolumner/<int:column>/historik/",
        history.cell_history,
        name="cell_history",
    ),
    path("<int:pk>/belopp/", grid.cell_save, name="cell"),
    path("<int:pk>/klistra-in/", grid.cells_paste, name="paste"),
    path("<int:pk>/struktur/", structure.structure, name="structure"),
    path("<int:pk>/rader/", structure.line_add, name="line_add"),
    path("<int:pk>/rader/<int:line>/", structure.line_action, name="line"),
    path("<int:pk>/fotnoter/", structure.footnotes, name="footnotes"),
    path("<int:pk>/kolumner/", structure.columns, name="columns"),
    path("<int:pk>/installningar/", structure.settings, name="settings"),
    path("<int:pk>/avsnitt/", structure.sections, name="sections"),
    path("<int:pk>/kommentarer/", comments.comment_add_view, name="comment_add"),
    path(
        "<int:pk>/kommentarer/<int:comment>/klar/",
        comments.comment_resolve_view,
        name="comment_resolve",
    ),
    path("<int:pk>/faststall/", adoption.adopt, name="adopt"),
    path("<int:pk>/ny-revision/", structure.new_revision, name="new_revision"),
    path("<int:pk>/ny-budget/", successor.new_from, name="new_from"),
    path("<int:pk>/kolumner/<int:column>/flytta/", ordering.column_move_view, name="column_move"),
    path("<int:pk>/avsnitt/<int:section>/flytta/", ordering.section_move_view, name="section_move"),
    path("<int:pk>/ta-bort/<str:what>/<int:item>/", ordering.delete_confirm, name="delete"),
]

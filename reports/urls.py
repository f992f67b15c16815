from django.urls import path

from reports.views import comments, editing, files, pages

app_name = "reports"
urlpatterns = [
    path("", pages.report_list, name="list"),
    path("ny/", editing.report_create, name="create"),
    path("<int:pk>/", pages.report_detail, name="detail"),
    path("<int:pk>/skillnader/", pages.report_differences, name="differences"),
    path("<int:pk>/nedladdningar/", pages.report_downloads, name="downloads"),
    path("<int:pk>/pdf/", files.report_pdf_download, name="pdf"),
    path("<int:pk>/pdf/utkast/", files.report_draft_download, name="draft_pdf"),
    path("<int:pk>/word/", files.report_docx_download, name="docx"),
    path("<int:pk>/word/utkast/", files.report_draft_docx_download, name="draft_docx"),
    path("faststalld/<int:pk>/pdf/", files.adoption_download, name="adoption_pdf"),
    path("<int:pk>/andra/", editing.report_edit, name="edit"),
    path("<int:pk>/avsnitt/", editing.report_outline, name="outline"),
    path("<int:pk>/avsnitt/nytt/", editing.section_edit, name="section_new"),
    path("<int:pk>/avsnitt/<int:section>/", editing.section_edit, name="section_edit"),
    path("<int:pk>/avsnitt/<int:section>/flytta/", editing.section_change, name="section_change"),
    path("<int:pk>/kommentarer/", comments.report_comment_add, name="comment_add"),
    path(
        "<int:pk>/kommentarer/<int:comment>/klar/",
        comments.report_comment_resolve,
        name="comment_resolve",
    ),
    path("<int:pk>/faststall/", editing.report_adopt, name="adopt"),
    path(
        "<int:pk>/revisionsberattelse/", files.auditors_report_upload, name="auditors_report_upload"
    ),
    path(
        "<int:pk>/revisionsberattelse.pdf", files.auditors_report_download, name="auditors_report"
    ),
]

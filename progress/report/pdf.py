"""The yearly report as a PDF: A4, made on the server with WeasyPrint from an HTML template,
tagged (PDF/UA) so screen readers can read it, in Dutch."""

from django.template.loader import render_to_string
from PIL import ImageFile


def _weasyprint_html():
    # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is
    # imported. The portal's upload checks refuse to run with it on (a truncated upload must be
    # an error), and the report has no images: put it back.
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML  # loads system libraries (Pango): imported when needed
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return HTML


def report_pdf(report, *, request=None):
    html = render_to_string("progress/report/annual_report.html", {"report": report},
                            request=request)
    base_url = request.build_absolute_uri("/") if request else None
    return _weasyprint_html()(string=html, base_url=base_url).write_pdf(
        pdf_variant="pdf/ua-1", custom_metadata=True)

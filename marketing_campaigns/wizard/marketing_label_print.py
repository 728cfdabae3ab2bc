import base64
import io
import logging
from urllib.parse import quote as url_quote

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import file_path

from ..models.marketing_label_format import LAYOUT_FIELDS

_logger = logging.getLogger(__name__)

# Noto Sans, shipped with Odoo's web client, has every accented letter of French and of the other
# Latin scripts; reportlab's built-in Helvetica stops at Windows-1252.
LABEL_FONT_NAME = "MarketingLabelSans"
LABEL_FONT_FILE = "web/static/fonts/sign/NotoSans-Reg.ttf"
# Line height as a multiple of the font size, and the smallest size a long line shrinks to.
LINE_SPACING = 1.15
MIN_FONT_SIZE = 5.0
LABEL_MODELS = [("res.partner", "Contacts"), ("crm.lead", "Leads and Opportunities")]


def _label_font():
    """The font the labels are written in, registered with reportlab once per process."""
    if LABEL_FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return LABEL_FONT_NAME
    try:
        pdfmetrics.registerFont(TTFont(LABEL_FONT_NAME, file_path(LABEL_FONT_FILE)))
    except (OSError, FileNotFoundError):
        _logger.warning("Font %s not found: labels are written in Helvetica", LABEL_FONT_FILE)
        return "Helvetica"
    return LABEL_FONT_NAME


class MarketingLabelPrint(models.TransientModel):
    """Address labels for contacts or leads, on sheets of a label format, from the first free
    label of a partly used sheet: one PDF to print, and the records without a postal address
    listed before printing and left out."""

    _name = "marketing.label.print"
    _inherit = ["marketing.merge.source.mixin"]
    _description = "Print Address Labels"

    res_model = fields.Selection(LABEL_MODELS, string="Records", required=True, default="res.partner")
    query_id = fields.Many2one(domain="[('model_name', '=', res_model)]")
    format_id = fields.Many2one(
        "marketing.label.format",
        string="Label Sheet",
        default=lambda self: self.env["marketing.label.format"].search([], limit=1),
    )
    use_custom_size = fields.Boolean(string="Custom Size", help="Labels of a size no sheet format describes.")
    custom_label_width = fields.Float(string="Label Width (mm)", default=70.0)
    custom_label_height = fields.Float(string="Label Height (mm)", default=36.0)
    custom_columns = fields.Integer(string="Columns", default=3)
    custom_rows = fields.Integer(string="Rows", default=8)
    custom_margin_top = fields.Float(string="Top Margin (mm)")
    custom_margin_left = fields.Float(string="Left Margin (mm)")
    custom_horizontal_pitch = fields.Float(
        string="Horizontal Pitch (mm)", help="Label width plus the gap between two labels; 0 when they touch."
    )
    custom_vertical_pitch = fields.Float(
        string="Vertical Pitch (mm)", help="Label height plus the gap between two labels; 0 when they touch."
    )
    start_row = fields.Integer(default=1, help="Row of the first free label on the first sheet, from the top.")
    start_column = fields.Integer(default=1, help="Column of the first free label on the first sheet, from the left.")
    label_count = fields.Integer(string="Labels", compute="_compute_addresses")
    missing_address_count = fields.Integer(string="Without Address", compute="_compute_addresses")
    missing_address_names = fields.Text(
        string="Records Without a Postal Address",
        compute="_compute_addresses",
        help="These records have no street or no city: they get no label. Complete their address to print one.",
    )
    label_pdf = fields.Binary(string="Labels PDF", readonly=True, attachment=True)
    label_pdf_name = fields.Char(string="Labels File Name", readonly=True)

    @api.model
    def _merge_accepts_model(self, model_name):
        return model_name in dict(LABEL_MODELS)

    # ------------------------------------------------------------------
    # Records and their addresses
    # ------------------------------------------------------------------

    @api.depends("res_model", "res_ids", "query_id")
    def _compute_addresses(self):
        for wizard in self:
            addresses = wizard._get_addresses() if (wizard.res_ids or wizard.query_id) else {}
            missing = [record for record, lines in addresses.items() if not lines]
            wizard.label_count = len(addresses) - len(missing)
            wizard.missing_address_count = len(missing)
            wizard.missing_address_names = "\n".join(record.display_name for record in missing) or False

    def _get_addresses(self):
        """``{record: [address lines] or None}`` in the records' order: None when the record has no
        postal address (no street, no city or nobody to write to)."""
        self.ensure_one()
        records = self._get_records()
        lines_getter = {
            "res.partner": self._address_lines_partner,
            "crm.lead": self._address_lines_lead,
        }[records._name]
        return {record: lines_getter(record) for record in records}

    def _postal_lines(self, record, names):
        """French address order (NF Z10-011): recipient, street, complement, zip and city, and the
        country in capitals when it is not the sender's."""
        if not any(names) or not (record.street or record.street2) or not record.city:
            return None
        lines = [name for name in names if name]
        lines += [line for line in (record.street, record.street2) if line]
        lines.append(" ".join(part for part in (record.zip, record.city) if part))
        if record.country_id and record.country_id != self.env.company.country_id:
            lines.append(record.country_id.name.upper())
        return lines

    def _address_lines_partner(self, partner):
        # A person of a company: the company first, then the person it is for.
        if partner.parent_id and not partner.is_company:
            names = [partner.commercial_company_name, partner.name]
        else:
            names = [partner.name]
        return self._postal_lines(partner, names)

    def _address_lines_lead(self, lead):
        return self._postal_lines(lead, [lead.partner_name, lead.contact_name or lead.partner_id.name])

    # ------------------------------------------------------------------
    # Layout
    # ------------------------------------------------------------------

    def _get_layout(self):
        """The dimensions to draw with: the chosen sheet's, or the custom size on an A4 page."""
        self.ensure_one()
        if not self.use_custom_size:
            if not self.format_id:
                raise UserError(self.env._("Choose a label sheet, or give a custom size."))
            return self.format_id._layout_values()
        label_format = self.env["marketing.label.format"]
        return {
            "page_width": label_format._fields["page_width"].default(label_format),
            "page_height": label_format._fields["page_height"].default(label_format),
            "margin_top": self.custom_margin_top,
            "margin_left": self.custom_margin_left,
            "label_width": self.custom_label_width,
            "label_height": self.custom_label_height,
            "horizontal_pitch": self.custom_horizontal_pitch or self.custom_label_width,
            "vertical_pitch": self.custom_vertical_pitch or self.custom_label_height,
            "columns": self.custom_columns,
            "rows": self.custom_rows,
            "padding": label_format._fields["padding"].default(label_format),
            "font_size": label_format._fields["font_size"].default(label_format),
        }

    @api.constrains("use_custom_size", *(f"custom_{fname}" for fname in LAYOUT_FIELDS if "page" not in fname))
    def _check_custom_size_fits_page(self):
        for wizard in self.filtered("use_custom_size"):
            error = self.env["marketing.label.format"]._layout_error(wizard._get_layout())
            if error:
                raise ValidationError(error)

    def _get_start_index(self, layout):
        """The position of the first free label on the first sheet, counted from 0 row by row."""
        self.ensure_one()
        if not (1 <= self.start_row <= layout["rows"] and 1 <= self.start_column <= layout["columns"]):
            raise UserError(
                self.env._(
                    "The sheet has %(rows)s rows and %(columns)s columns: start at a row from 1 to %(rows)s and "
                    "a column from 1 to %(columns)s.",
                    rows=layout["rows"],
                    columns=layout["columns"],
                )
            )
        return (self.start_row - 1) * layout["columns"] + self.start_column - 1

    # ------------------------------------------------------------------
    # Drawing
    # ------------------------------------------------------------------

    @api.model
    def _draw_label_sheets(self, addresses, layout, start_index=0):
        """The PDF of the sheets: one address (a list of lines) a label, from the label at
        ``start_index`` of the first sheet, row by row, a new sheet when one is full."""
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=(layout["page_width"] * mm, layout["page_height"] * mm))
        pdf.setTitle(self.env._("Address labels"))
        font = _label_font()
        per_sheet = layout["columns"] * layout["rows"]
        for number, lines in enumerate(addresses, start=start_index):
            position = number % per_sheet
            if position == 0 and number != start_index:
                pdf.showPage()
            row, column = divmod(position, layout["columns"])
            left = (layout["margin_left"] + column * layout["horizontal_pitch"]) * mm
            top = (layout["page_height"] - layout["margin_top"] - row * layout["vertical_pitch"]) * mm
            self._draw_label(pdf, font, lines, left, top, layout)
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()

    @api.model
    def _draw_label(self, pdf, font, lines, left, top, layout):
        """Write the lines from the top left of the label, inside its inner margin; the font shrinks
        when the lines are too many for the height, and a line too wide for the width shrinks alone."""
        padding = min(layout["padding"], layout["label_width"] / 4, layout["label_height"] / 4) * mm
        inner_width = layout["label_width"] * mm - 2 * padding
        inner_height = layout["label_height"] * mm - 2 * padding
        font_size = max(min(layout["font_size"], inner_height / (len(lines) * LINE_SPACING)), MIN_FONT_SIZE)
        baseline = top - padding - font_size
        for line in lines:
            size = font_size
            width = pdfmetrics.stringWidth(line, font, size)
            if width > inner_width:
                size = max(size * inner_width / width, MIN_FONT_SIZE)
                while line and pdfmetrics.stringWidth(line, font, size) > inner_width:
                    line = line[:-1]
            pdf.setFont(font, size)
            pdf.drawString(left + padding, baseline, line)
            baseline -= font_size * LINE_SPACING

    def action_print(self):
        """Draw the labels of the records having an address and download them as one PDF."""
        self.ensure_one()
        layout = self._get_layout()
        error = self.env["marketing.label.format"]._layout_error(layout)
        if error:
            raise UserError(error)
        start_index = self._get_start_index(layout)
        addresses = [lines for lines in self._get_addresses().values() if lines]
        if not addresses:
            raise UserError(self.env._("None of these records has a postal address: there is no label to print."))
        filename = self.env._("Address labels.pdf")
        pdf = self._draw_label_sheets(addresses, layout, start_index)
        self.write({"label_pdf": base64.b64encode(pdf), "label_pdf_name": filename})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/label_pdf/{url_quote(filename)}?download=true",
            "target": "download",
        }

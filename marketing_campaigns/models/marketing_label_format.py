from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The dimensions a layout is drawn from, in millimetres (see _layout_values).
LAYOUT_FIELDS = (
    "page_width",
    "page_height",
    "margin_top",
    "margin_left",
    "label_width",
    "label_height",
    "horizontal_pitch",
    "vertical_pitch",
    "columns",
    "rows",
)


class MarketingLabelFormat(models.Model):
    """A sheet of address labels: where each label sits on the page, in millimetres,
    as the sheet's maker prints it on its box (margins, label size, pitch, columns, rows)."""

    _name = "marketing.label.format"
    _description = "Label Sheet Format"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    page_width = fields.Float(string="Page Width (mm)", default=210.0, required=True, help="A4: 210 mm.")
    page_height = fields.Float(string="Page Height (mm)", default=297.0, required=True, help="A4: 297 mm.")
    margin_top = fields.Float(string="Top Margin (mm)", help="From the top of the page to the top of the first row.")
    margin_left = fields.Float(
        string="Left Margin (mm)", help="From the left of the page to the left of the first column."
    )
    label_width = fields.Float(string="Label Width (mm)", required=True)
    label_height = fields.Float(string="Label Height (mm)", required=True)
    horizontal_pitch = fields.Float(
        string="Horizontal Pitch (mm)",
        required=True,
        help="From the left edge of a label to the left edge of the next one: the label's width plus the gap.",
    )
    vertical_pitch = fields.Float(
        string="Vertical Pitch (mm)",
        required=True,
        help="From the top edge of a label to the top edge of the one below: the label's height plus the gap.",
    )
    columns = fields.Integer(required=True, default=1)
    rows = fields.Integer(required=True, default=1)
    padding = fields.Float(
        string="Inner Margin (mm)", default=4.0, help="Blank space kept inside each label around the address."
    )
    font_size = fields.Float(
        string="Font Size (pt)", default=10.0, help="Largest font size; long addresses are written smaller."
    )
    labels_per_sheet = fields.Integer(compute="_compute_labels_per_sheet")

    @api.depends("columns", "rows")
    def _compute_labels_per_sheet(self):
        for label_format in self:
            label_format.labels_per_sheet = label_format.columns * label_format.rows

    def _layout_values(self):
        self.ensure_one()
        return {fname: self[fname] for fname in (*LAYOUT_FIELDS, "padding", "font_size")}

    @api.model
    def _layout_error(self, layout):
        """What is wrong with a layout (a dict of LAYOUT_FIELDS), said to the user, or None when it fits."""
        _ = self.env._
        if layout["columns"] < 1 or layout["rows"] < 1:
            return _("A sheet has at least one column and one row of labels.")
        if min(layout["label_width"], layout["label_height"], layout["page_width"], layout["page_height"]) <= 0:
            return _("The page and the labels need a width and a height.")
        if layout["margin_top"] < 0 or layout["margin_left"] < 0:
            return _("The margins cannot be negative.")
        width, height = layout["label_width"], layout["label_height"]
        h_pitch, v_pitch = layout["horizontal_pitch"], layout["vertical_pitch"]
        used_width = layout["margin_left"] + (layout["columns"] - 1) * h_pitch + width
        used_height = layout["margin_top"] + (layout["rows"] - 1) * v_pitch + height
        # Each check with its message, the first failing one said. A hundredth of a millimetre of
        # tolerance on the page: makers round their dimensions.
        checks = [
            (
                layout["columns"] > 1 and h_pitch < width,
                _(
                    "The horizontal pitch (%(pitch)s mm) is smaller than the label width (%(width)s mm): labels "
                    "would overlap. The pitch is the width plus the gap between two labels.",
                    pitch=h_pitch,
                    width=width,
                ),
            ),
            (
                layout["rows"] > 1 and v_pitch < height,
                _(
                    "The vertical pitch (%(pitch)s mm) is smaller than the label height (%(height)s mm): labels "
                    "would overlap. The pitch is the height plus the gap between two labels.",
                    pitch=v_pitch,
                    height=height,
                ),
            ),
            (
                used_width > layout["page_width"] + 0.01,
                _(
                    "%(columns)s columns of %(width)s mm do not fit on a page %(page)s mm wide: they need "
                    "%(used)s mm with the left margin. Reduce the columns, the width, the pitch or the margin.",
                    columns=layout["columns"],
                    width=width,
                    page=layout["page_width"],
                    used=round(used_width, 2),
                ),
            ),
            (
                used_height > layout["page_height"] + 0.01,
                _(
                    "%(rows)s rows of %(height)s mm do not fit on a page %(page)s mm high: they need "
                    "%(used)s mm with the top margin. Reduce the rows, the height, the pitch or the margin.",
                    rows=layout["rows"],
                    height=height,
                    page=layout["page_height"],
                    used=round(used_height, 2),
                ),
            ),
        ]
        return next((message for failed, message in checks if failed), None)

    @api.constrains(*LAYOUT_FIELDS)
    def _check_layout_fits_page(self):
        for label_format in self:
            error = self._layout_error(label_format._layout_values())
            if error:
                raise ValidationError(error)

from odoo import api, fields, models


class MarketingLetterTemplate(models.Model):
    """The body of a mail merge letter, written once and printed for many records of one model.

    The body is QWeb rendered by Odoo's mail rendering (as e-mail templates are): its expressions
    are checked by ``ir.qweb`` and run with the rights of the user who prints, never as superuser.
    Only marketing managers write templates, and dynamic expressions beyond plain field paths
    also need the Mail Template Editor group (``mail.render.mixin``'s check on save).
    """

    _name = "marketing.letter.template"
    _description = "Mail Merge Letter Template"
    _inherit = ["mail.render.mixin"]
    _order = "name, id"
    # As mail.template: the body is trusted when printed because who may write it is checked.
    _unrestricted_rendering = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    model_id = fields.Many2one(
        "ir.model",
        string="Applies To",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        help="The kind of records the letter is printed for: its fields are those the body may show.",
    )
    model = fields.Char(related="model_id.model", string="Model Name", store=True, index=True)
    body_html = fields.Html(
        string="Body",
        render_engine="qweb",
        translate=True,
        sanitize="email_outgoing",
        help="The letter, below the company's letterhead. Insert the record's fields with the dynamic "
        "placeholders (type /field or {{ object.name }}).",
    )

    @api.depends("model")
    def _compute_render_model(self):
        for template in self:
            template.render_model = template.model

    def _render_letters(self, records):
        """The body rendered for each record, in the record's language when the template says which
        (``lang``), with the rights of the user printing: ``{record id: markup}``."""
        self.ensure_one()
        return self._render_field("body_html", records.ids, compute_lang=bool(self.lang))

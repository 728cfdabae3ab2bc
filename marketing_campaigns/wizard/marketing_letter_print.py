from odoo import api, fields, models
from odoo.exceptions import UserError


class MarketingLetterPrint(models.TransientModel):
    """Print a letter template for the records selected in a list, or for a smart query's records,
    into one PDF: one letter a record, each on its own pages under the company's letterhead."""

    _name = "marketing.letter.print"
    _inherit = ["marketing.merge.source.mixin"]
    _description = "Print Mail Merge Letters"

    res_model = fields.Char(string="Model", compute="_compute_res_model", store=True, readonly=False, precompute=True)
    # From a menu nothing is selected yet: the letter is chosen first, then a query of its kind.
    query_id = fields.Many2one(domain="[('model_name', '=', template_model)]")
    template_id = fields.Many2one(
        "marketing.letter.template",
        string="Letter",
        required=True,
        domain="[('model', '=', res_model)] if res_model else []",
    )
    template_model = fields.Char(related="template_id.model")
    record_count = fields.Integer(string="Letters", compute="_compute_record_count")

    @api.depends("query_id")
    def _compute_res_model(self):
        for wizard in self.filtered("query_id"):
            wizard.res_model = wizard.query_id.model_name

    @api.depends("res_ids")
    def _compute_record_count(self):
        for wizard in self:
            wizard.record_count = len(wizard.res_ids or [])

    def _get_records(self):
        records = super()._get_records()
        if records._name != self.template_id.model:
            raise UserError(
                self.env._(
                    "The letter %(letter)s is written for %(expected)s, not for %(model)s: choose a letter of that kind.",
                    letter=self.template_id.name,
                    expected=self.template_id.model_id.name,
                    model=self.env["ir.model"]._get(records._name).name,
                )
            )
        if not records:
            raise UserError(self.env._("There is no record to print a letter for."))
        return records

    def _get_letters(self):
        """``[(record, body)]`` in the order of the records: what the report prints, one letter each."""
        self.ensure_one()
        records = self._get_records()
        bodies = self.template_id._render_letters(records)
        return [(record, bodies[record.id]) for record in records]

    def action_print(self):
        self.ensure_one()
        self._get_records()
        return self.env.ref("marketing_campaigns.marketing_letter_report").report_action(self)

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SalesDunningQuoteStep(models.Model):
    """A step of the quote follow-up: so many days after the quotation was sent, an e-mail."""

    _name = "sales.dunning.quote.step"
    _description = "Quote Follow-up Step"
    _order = "company_id, days, id"
    _rec_name = "days"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    days = fields.Integer(string="Days After Sending", required=True, default=3)
    template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        required=True,
        domain=[("model", "=", "sale.order")],
        groups="base.group_system",
    )

    _unique_days = models.Constraint(
        "UNIQUE (company_id, days)", "Two follow-up steps of one company cannot have the same number of days."
    )

    @api.depends("days")
    def _compute_display_name(self):
        for step in self:
            step.display_name = self.env._("Follow-up after %s days", step.days)

    @api.constrains("days")
    def _check_days(self):
        for step in self:
            if step.days <= 0:
                raise ValidationError(
                    self.env._("A follow-up step comes after the quotation was sent: give it 1 day or more.")
                )

    @api.constrains("template_id")
    def _check_template_model(self):
        for step in self:
            if step.template_id.model != "sale.order":
                raise ValidationError(
                    self.env._(
                        "The follow-up template “%s” must be a template for quotations (Sales Order).",
                        step.template_id.name,
                    )
                )

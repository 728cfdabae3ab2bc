from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CreditControlPolicyLevel(models.Model):
    """The engine gives a level one channel; Koban's simplicity asks for a few more
    things a level does at once: the invoices' PDF, a letter, an activity."""

    _inherit = "credit.control.policy.level"

    sales_dunning_attach_invoices = fields.Boolean(
        string="Attach the Invoices",
        help="The e-mail carries the PDF of every invoice it lists.",
    )
    sales_dunning_print_letter = fields.Boolean(
        string="Print a Letter",
        help="A formal notice letter (PDF, address placed for a window envelope) is "
        "attached to the customer's reminder, ready to print and post.",
    )
    sales_dunning_create_activity = fields.Boolean(
        string="Create an Activity",
        help="Plans an activity on the customer when the reminder is sent (e.g. a call).",
    )
    sales_dunning_activity_type_id = fields.Many2one(
        comodel_name="mail.activity.type",
        string="Activity Type",
    )
    sales_dunning_activity_assignee = fields.Selection(
        selection=[
            ("salesperson", "The customer's salesperson"),
            ("invoice_user", "The invoice's responsible"),
            ("user", "A named user"),
        ],
        string="Activity For",
        default="salesperson",
    )
    sales_dunning_activity_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Activity User",
    )
    sales_dunning_min_amount = fields.Float(
        string="Minimum Amount Due",
        help="An invoice whose amount due is below this amount gets no reminder at this level.",
    )
    sales_dunning_legal_text = fields.Html(
        string="Late Payment Wording",
        translate=True,
        help="Printed on the formal notice letter: late payment penalties and the fixed recovery indemnity.",
    )

    @api.constrains("delay_days", "computation_mode", "policy_id")
    def _check_sales_dunning_unique_delay(self):
        for level in self:
            same = self.search_count(
                [
                    ("id", "!=", level.id),
                    ("delay_days", "=", level.delay_days),
                    ("computation_mode", "=", level.computation_mode),
                    ("policy_id", "=", level.policy_id.id),
                ],
                limit=1,
            )
            if same:
                raise ValidationError(
                    self.env._(
                        "Two levels of the reminder policy “%(policy)s” cannot have the same "
                        "delay (%(days)s days): change the delay of level “%(name)s”.",
                        policy=level.policy_id.name,
                        days=level.delay_days,
                        name=level.name,
                    )
                )

    @api.constrains("email_template_id")
    def _check_sales_dunning_template_model(self):
        for level in self:
            template = level.email_template_id
            if template and template.model != "credit.control.communication":
                raise ValidationError(
                    self.env._(
                        "The e-mail template “%(template)s” is made for %(model)s records: "
                        "a reminder level needs a template for Credit Control Communications.",
                        template=template.name,
                        model=template.model_id.name or template.model,
                    )
                )

    @api.constrains("sales_dunning_min_amount")
    def _check_sales_dunning_min_amount(self):
        for level in self:
            if level.sales_dunning_min_amount < 0:
                raise ValidationError(
                    self.env._("The minimum amount due of level “%s” cannot be negative.", level.name)
                )

    @api.constrains(
        "sales_dunning_create_activity",
        "sales_dunning_activity_assignee",
        "sales_dunning_activity_user_id",
    )
    def _check_sales_dunning_activity(self):
        for level in self:
            if (
                level.sales_dunning_create_activity
                and level.sales_dunning_activity_assignee == "user"
                and not level.sales_dunning_activity_user_id
            ):
                raise ValidationError(
                    self.env._(
                        "Level “%s” plans its activity for a named user: choose the user.",
                        level.name,
                    )
                )

    def get_level_lines(self, controlling_date, lines):
        """Below the level's minimum amount due, an invoice waits at its current level."""
        matching = super().get_level_lines(controlling_date, lines)
        if self.sales_dunning_min_amount:
            matching = matching.filtered(lambda line: line.amount_residual >= self.sales_dunning_min_amount)
        return matching

    def _sales_dunning_activity_user(self, communication):
        """Who gets the activity of a reminder, the sending user when nobody fits."""
        self.ensure_one()
        if self.sales_dunning_activity_assignee == "user":
            user = self.sales_dunning_activity_user_id
        elif self.sales_dunning_activity_assignee == "invoice_user":
            user = communication.credit_control_line_ids.invoice_id.invoice_user_id[:1]
        else:
            user = communication.partner_id.commercial_partner_id.user_id
        return user or self.env.user

from odoo import api, fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    outcome_required = fields.Boolean(
        string="Record an Outcome",
        help="Marking such an activity done asks for its outcome and a report; the outcome plans "
        "the next activity (Odoo's own chaining of activity types is then not used).",
    )
    outcome_ids = fields.One2many(
        "mail.activity.outcome", "activity_type_id", string="Outcomes", context={"active_test": False}
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("outcome_required"):
                vals["chaining_type"] = "suggest"
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("outcome_required"):
            # The outcome says what comes next: the type's own automatic next activity would be a second one.
            vals = {**vals, "chaining_type": "suggest"}
        return super().write(vals)

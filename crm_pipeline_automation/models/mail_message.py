from odoo import fields, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    activity_outcome_id = fields.Many2one(
        "mail.activity.outcome",
        string="Activity Outcome",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The outcome of the activity whose completion posted this message.",
    )

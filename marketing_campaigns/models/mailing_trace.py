from odoo import api, fields, models

# What became of a mailing for its recipient, from the furthest the recipient went.
OUTCOMES = [
    ("scheduled", "To send"),
    ("sent", "Sent"),
    ("opened", "Opened"),
    ("clicked", "Clicked"),
    ("replied", "Replied"),
    ("bounced", "Bounced"),
    ("error", "Not sent (error)"),
    ("canceled", "Not sent (excluded)"),
]
STATUS_OUTCOMES = {
    "outgoing": "scheduled",
    "process": "scheduled",
    "pending": "sent",
    "sent": "sent",
    "open": "opened",
    "reply": "replied",
    "bounce": "bounced",
    "error": "error",
    "cancel": "canceled",
}


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    # Leads, opportunities and contacts list the mailings they received: their traces are found
    # by document without reading the whole table.
    _model_res_id_index = models.Index("(model, res_id)")

    marketing_outcome = fields.Selection(
        OUTCOMES,
        string="Outcome",
        compute="_compute_marketing_outcome",
        help="Odoo's status of the e-mail, and whether a link of it was clicked: a click counts "
        "above an opening, a reply above both.",
    )

    @api.depends("trace_status", "links_click_datetime")
    def _compute_marketing_outcome(self):
        for trace in self:
            outcome = STATUS_OUTCOMES.get(trace.trace_status, "scheduled")
            if trace.links_click_datetime and outcome in ("sent", "opened"):
                outcome = "clicked"
            trace.marketing_outcome = outcome

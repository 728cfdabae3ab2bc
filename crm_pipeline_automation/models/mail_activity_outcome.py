from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MailActivityOutcome(models.Model):
    """Koban's "bilan d'action": what came of an activity (Interested, Call back, ...), chosen when
    it is marked done, and the activity it calls for next."""

    _name = "mail.activity.outcome"
    _description = "Activity Outcome"
    _order = "activity_type_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    activity_type_id = fields.Many2one("mail.activity.type", required=True, ondelete="cascade", index=True)
    next_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Next Activity",
        ondelete="set null",
        help="Planned when an activity is done with this outcome. Empty: nothing is planned.",
    )
    next_summary = fields.Char(string="Next Summary", translate=True)
    next_days = fields.Integer(string="Next Due in (days)", help="0: the same day.")
    next_assignee = fields.Selection(
        [
            ("same", "Who did the activity"),
            ("salesperson", "The salesperson of the opportunity"),
            ("user", "A named user"),
        ],
        string="Next Assigned to",
        default="same",
    )
    next_user_id = fields.Many2one("res.users", string="Next User", domain=[("share", "=", False)])

    @api.constrains("next_days", "next_assignee", "next_user_id", "next_activity_type_id")
    def _check_next(self):
        for outcome in self:
            if outcome.next_days < 0:
                raise ValidationError(
                    self.env._(
                        "Outcome %s: the next activity is due the same day (0) or later: set 0 days or more.",
                        outcome.name,
                    )
                )
            if outcome.next_activity_type_id and outcome.next_assignee == "user" and not outcome.next_user_id:
                raise ValidationError(
                    self.env._("Outcome %s: choose the user the next activity is assigned to.", outcome.name)
                )

    def _next_activity_values(self, activity):
        """The next activity an activity done with this outcome calls for, or None."""
        self.ensure_one()
        if not self.next_activity_type_id:
            return None
        record = self.env[activity.res_model].browse(activity.res_id)
        match self.next_assignee:
            case "salesperson":
                user = "user_id" in record._fields and record.user_id
            case "user":
                user = self.next_user_id
            case _:
                user = activity.user_id
        return {
            "activity_type_id": self.next_activity_type_id.id,
            "summary": self.next_summary or False,
            "date_deadline": fields.Date.add(fields.Date.context_today(self), days=self.next_days),
            "user_id": (user or activity.user_id or self.env.user).id,
            "res_model_id": activity.res_model_id.id,
            "res_id": activity.res_id,
        }

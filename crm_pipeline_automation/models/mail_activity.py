from odoo import api, fields, models
from odoo.exceptions import UserError


class MailActivity(models.Model):
    _inherit = "mail.activity"

    outcome_required = fields.Boolean(related="activity_type_id.outcome_required")
    outcome_id = fields.Many2one(
        "mail.activity.outcome",
        string="Outcome",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('activity_type_id', '=', activity_type_id)]",
        help="What came of the activity, recorded when it is marked done.",
    )
    outcome_options = fields.Json(compute="_compute_outcome_options")

    @api.depends("activity_type_id")
    def _compute_outcome_options(self):
        for activity in self:
            outcomes = activity.activity_type_id.outcome_ids.filtered("active")
            activity.outcome_options = [[outcome.id, outcome.name] for outcome in outcomes]

    def _to_store_defaults(self, target):
        return [*super()._to_store_defaults(target), "outcome_required", "outcome_options"]

    def action_record_outcome(self, outcome_id, feedback):
        """Mark the activities done with an outcome and a report: the "Done" of the web client
        for types recording an outcome."""
        self.write({"outcome_id": outcome_id})
        return self.action_feedback(feedback=feedback)

    def _action_done(self, feedback=False, attachment_ids=None):
        with_outcome = self.filtered("outcome_required")
        if with_outcome:
            with_outcome._check_outcome(feedback)
        next_values = [
            values for activity in with_outcome if (values := activity.outcome_id._next_activity_values(activity))
        ]
        done = {(activity.res_model, activity.res_id, activity.activity_type_id.id): activity for activity in self}
        messages, next_activities = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        # The done message carries the outcome, so that CRM's activity analysis can count by outcome.
        for message in messages:
            activity = done.get((message.model, message.res_id, message.mail_activity_type_id.id))
            if activity and activity.outcome_id:
                # The message was posted by mail itself, which the user may not write to.
                message.sudo().activity_outcome_id = activity.outcome_id
        if next_values:
            next_activities |= self.env["mail.activity"].create(next_values)
        return messages, next_activities

    def _check_outcome(self, feedback):
        for activity in self:
            if not activity.outcome_id:
                raise UserError(
                    self.env._(
                        'Choose the outcome of the activity "%(activity)s" (%(type)s) before marking it done.',
                        activity=activity.summary or activity.activity_type_id.name,
                        type=activity.activity_type_id.name,
                    )
                )
            if activity.outcome_id.activity_type_id != activity.activity_type_id:
                raise UserError(
                    self.env._(
                        'The outcome "%(outcome)s" is not one of the activity type %(type)s: choose one of its outcomes.',
                        outcome=activity.outcome_id.name,
                        type=activity.activity_type_id.name,
                    )
                )
        if not (feedback or "").strip():
            raise UserError(self.env._("Write the report of the activity: what was said, what was agreed."))

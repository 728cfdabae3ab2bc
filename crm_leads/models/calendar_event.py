from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

MEETING_STATES = [
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class CalendarEvent(models.Model):
    """Meetings follow Axelor's event status: planned until someone says it took place (Done)
    or did not (Cancel). The calendar keeps both, so the history of a customer stays complete."""

    _inherit = "calendar.event"

    # Called as on the menu of the categories (Configuration > Meeting Categories), not "Tags":
    # the CRM has tags of its own.
    categ_ids = fields.Many2many(string="Categories")
    meeting_state = fields.Selection(
        MEETING_STATES,
        string="Meeting Status",
        default="planned",
        required=True,
        tracking=True,
        index=True,
        help="Planned until the meeting is marked as done or cancelled.",
    )

    def init(self):
        """The column is NOT NULL, yet Odoo creates events with this addon not loaded: updating
        calendar (or a module it loads before this one) runs that module's data and tests with the
        models known so far. Those events are planned too, by the database's own default."""
        self.env.cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN meeting_state SET DEFAULT %s",
                SQL.identifier(self._table),
                self._fields["meeting_state"].default(self),
            )
        )

    def _check_meeting_is_planned(self):
        closed = self.filtered(lambda event: event.meeting_state != "planned")[:1]
        if closed:
            raise UserError(
                _(
                    'The meeting "%(meeting)s" is already %(status)s: only planned meetings can be marked as '
                    "done or cancelled. Click Back to Planned first to change its outcome.",
                    meeting=closed.name,
                    status=dict(self._fields["meeting_state"]._description_selection(self.env))[closed.meeting_state],
                )
            )

    def action_mark_meeting_done(self):
        """The meeting took place: the Meeting activity Odoo planned for it on the lead or the
        contact is done too, instead of turning overdue."""
        self._check_meeting_is_planned()
        self.meeting_state = "done"
        self.activity_ids.action_done()

    def action_cancel_meeting(self):
        """The meeting did not take place: its Meeting activity is cancelled, as Odoo's own
        Cancel of an activity does (it is removed)."""
        self._check_meeting_is_planned()
        self.meeting_state = "cancelled"
        self.activity_ids.unlink()

    def action_replan_meeting(self):
        self.meeting_state = "planned"

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


def new_meeting_action(record, partners, name, extra_context=None):
    """A form dialog for a meeting about `record`, its customer and contact already invited."""
    env = record.env
    return {
        "type": "ir.actions.act_window",
        "name": _("New Meeting"),
        "res_model": "calendar.event",
        "view_mode": "form",
        "views": [(env.ref("calendar.view_calendar_event_form").id, "form")],
        "target": "new",
        "context": {
            "default_name": name,
            "default_partner_ids": (env.user.partner_id | partners).ids,
            "default_res_model": record._name,
            "default_res_id": record.id,
            **(extra_context or {}),
        },
    }


def new_activity_action(record, activity_type_xmlid):
    """Odoo's activity dialog on `record`, opened on the given kind (call, to-do, note)."""
    env = record.env
    activity_type = env.ref(activity_type_xmlid, raise_if_not_found=False)
    return {
        "type": "ir.actions.act_window",
        "name": activity_type.name if activity_type else _("New Activity"),
        "res_model": "mail.activity",
        "view_mode": "form",
        "views": [(env.ref("mail.mail_activity_view_form_popup").id, "form")],
        "target": "new",
        "context": {
            "default_res_model": record._name,
            "default_res_id": record.id,
            "default_activity_type_id": activity_type.id if activity_type else False,
            "default_user_id": env.uid,
        },
    }

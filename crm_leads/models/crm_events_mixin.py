from odoo import _, fields, models


class CrmEventsMixin(models.AbstractModel):
    """The Events tab of leads, opportunities and contacts: its buttons, which open a meeting or
    an activity already attached to the record, and its history. Odoo archives an activity marked
    as done, so the tab lists those too, under the activities to do."""

    _name = "crm.events.mixin"
    _description = "Events Tab"

    done_activity_ids = fields.One2many(
        "mail.activity",
        "res_id",
        string="Done Activities",
        domain=lambda self: [("res_model", "=", self._name), ("active", "=", False)],
        context={"active_test": False},
        readonly=True,
        groups="base.group_user",
    )

    def _crm_events_meeting_defaults(self):
        """(partners to invite besides the user, meeting name, extra context) of a new meeting
        about this record: the models of the mixin say who the meeting is with."""
        self.ensure_one()
        return self.env["res.partner"], self.display_name, {}

    def action_new_meeting(self):
        """A form dialog for a meeting about this record, its customer and contact already invited."""
        partners, name, extra_context = self._crm_events_meeting_defaults()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Meeting"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [(self.env.ref("calendar.view_calendar_event_form").id, "form")],
            "target": "new",
            "context": {
                "default_name": name,
                "default_partner_ids": (self.env.user.partner_id | partners).ids,
                "default_res_model": self._name,
                "default_res_id": self.id,
                **extra_context,
            },
        }

    def action_new_call(self):
        return self._crm_events_new_activity_action("mail.mail_activity_data_call")

    def action_new_task(self):
        return self._crm_events_new_activity_action("mail.mail_activity_data_todo")

    def action_new_note(self):
        return self._crm_events_new_activity_action("crm_leads.mail_activity_type_note")

    def _crm_events_new_activity_action(self, activity_type_xmlid):
        """Odoo's activity dialog on this record, opened on the given kind (call, to-do, note)."""
        self.ensure_one()
        activity_type = self.env.ref(activity_type_xmlid, raise_if_not_found=False)
        return {
            "type": "ir.actions.act_window",
            "name": activity_type.name if activity_type else _("New Activity"),
            "res_model": "mail.activity",
            "view_mode": "form",
            "views": [(self.env.ref("mail.mail_activity_view_form_popup").id, "form")],
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_activity_type_id": activity_type.id if activity_type else False,
                "default_user_id": self.env.uid,
            },
        }

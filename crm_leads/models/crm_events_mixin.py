from odoo import fields, models


class CrmEventsMixin(models.AbstractModel):
    """The Events tab of leads, opportunities and contacts keeps the history: Odoo archives an
    activity marked as done, so the tab lists those too, under the activities to do."""

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

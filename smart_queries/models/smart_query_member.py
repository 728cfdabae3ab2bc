from odoo import fields, models


class SmartQueryMember(models.Model):
    """The records a trigger found in its query at its last run, and whether it acted on them.

    Kept up to date with set operations in SQL by the trigger: one row per matching record, so
    that a run only acts on the records that entered the selection since the previous one."""

    _name = "smart.query.member"
    _description = "Record Matched by a Smart Query Trigger"
    _log_access = False

    trigger_id = fields.Many2one("smart.query.trigger", required=True, ondelete="cascade", index=True)
    res_id = fields.Integer(string="Record ID", required=True)
    state = fields.Selection(
        [("new", "To Process"), ("queued", "Queued"), ("processed", "Processed"), ("failed", "Failed")],
        required=True,
        default="new",
    )
    # The run whose batch job acts on the record: a queued record is that run's, no other's.
    run_id = fields.Many2one("smart.query.run", ondelete="set null", index="btree_not_null")

    _trigger_record_unique = models.Constraint(
        "UNIQUE (trigger_id, res_id)",
        "A record is a member of a trigger's selection only once.",
    )

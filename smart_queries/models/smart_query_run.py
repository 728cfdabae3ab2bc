from odoo import fields, models


class SmartQueryRun(models.Model):
    """What one run of a trigger did: kept so that managers see what the nightly job acted on
    and which records failed, and why."""

    _name = "smart.query.run"
    _description = "Smart Query Trigger Run"
    _order = "start_date desc, id desc"

    trigger_id = fields.Many2one("smart.query.trigger", required=True, ondelete="cascade", index=True)
    query_id = fields.Many2one(related="trigger_id.query_id", store=True, precompute=True)
    dry_run = fields.Boolean(readonly=True, help="Counted what the run would do, without acting.")
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        required=True,
        default="running",
        readonly=True,
    )
    start_date = fields.Datetime(string="Start", required=True, default=fields.Datetime.now, readonly=True)
    end_date = fields.Datetime(string="End", readonly=True)
    matched_count = fields.Integer(string="Matched", readonly=True, help="Records matching the query.")
    new_count = fields.Integer(string="New", readonly=True, help="Records to act on in this run.")
    processed_count = fields.Integer(string="Processed", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    left_out_count = fields.Integer(
        string="Not Contacted",
        readonly=True,
        help="E-mails and calls not made because the address or number is on the blacklist (do not e-mail / do not call).",
    )
    sample = fields.Text(readonly=True, help="Some of the records a dry run would act on.")
    error_details = fields.Text(readonly=True)

    def _action_open(self):
        """Show the run in a dialog: what a dry run would do, or what a run did."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dry Run") if self.dry_run else self.env._("Run"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

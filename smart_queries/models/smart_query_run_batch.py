from odoo import fields, models


class SmartQueryRunBatch(models.Model):
    """What one batch job of a run did. A row a batch, written by the batch's own transaction:
    jobs finishing at once on several workers each add theirs, and the run sums them."""

    _name = "smart.query.run.batch"
    _description = "Smart Query Trigger Run Batch"
    _order = "id"

    run_id = fields.Many2one("smart.query.run", required=True, ondelete="cascade", index=True)
    processed_count = fields.Integer(string="Processed", readonly=True)
    failed_count = fields.Integer(string="Failed", readonly=True)
    left_out_count = fields.Integer(string="Not Contacted", readonly=True)
    error_details = fields.Text(readonly=True)

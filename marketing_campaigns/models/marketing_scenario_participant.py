from odoo import api, fields, models
from odoo.exceptions import UserError

# Steps still to come for a participant.
PENDING_STATES = ("scheduled", "queued")


class MarketingScenarioParticipant(models.Model):
    """A record going through a scenario: one person (by the scenario's unique field), enrolled once."""

    _name = "marketing.scenario.participant"
    _description = "Marketing Scenario Participant"
    _order = "id desc"

    scenario_id = fields.Many2one("marketing.scenario", required=True, ondelete="cascade", index=True, readonly=True)
    # Precomputed: part of the INSERT of participants enrolled by the thousand, not an UPDATE after it.
    company_id = fields.Many2one(related="scenario_id.company_id", store=True, index=True, precompute=True)
    model_name = fields.Char(related="scenario_id.model_name", store=True, string="Target Model", precompute=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="model_name", required=True, index=True,
                                      readonly=True)  # fmt: skip
    record_ref = fields.Reference(
        selection="_selection_record_ref", string="Record", compute="_compute_record_ref", readonly=True
    )
    record_name = fields.Char(string="Name", compute="_compute_record_ref")
    lead_id = fields.Many2one(
        "crm.lead",
        string="Lead/Opportunity",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The record itself when the scenario targets leads: for the opportunities won since enrolment.",
    )
    unique_key = fields.Char(
        string="Unique Value",
        required=True,
        readonly=True,
        help="The value that makes the person unique (e.g. the e-mail).",
    )
    state = fields.Selection(
        [("running", "Running"), ("completed", "Completed"), ("removed", "Removed"), ("error", "In error")],
        default="running",
        required=True,
        readonly=True,
        index=True,
    )
    is_test = fields.Boolean(
        string="Test", readonly=True, help="Enrolled by the test mode: left out of the statistics."
    )
    test_email = fields.Char(
        string="Test Address", readonly=True, help="In test mode, the e-mails go to this address only."
    )
    trace_ids = fields.One2many("marketing.scenario.trace", "participant_id", string="Steps", readonly=True)

    _unique_person = models.UniqueIndex(
        "(scenario_id, unique_key) WHERE is_test IS NOT TRUE",
        "A person is enrolled once in a scenario.",
    )

    @api.model
    def _selection_record_ref(self):
        return [(model.model, model.name) for model in self.env["ir.model"].sudo().search([])]  # labels only

    @api.depends("model_name", "res_id")
    def _compute_record_ref(self):
        for model_name, participants in self.grouped("model_name").items():
            if not model_name or model_name not in self.env:
                participants.record_ref = participants.record_name = False
                continue
            records = self.env[model_name].browse(participants.mapped("res_id")).exists()
            names = dict(zip(records.ids, records.mapped("display_name"), strict=True))
            for participant in participants:
                exists = participant.res_id in names
                participant.record_ref = f"{model_name},{participant.res_id}" if exists else False
                participant.record_name = names.get(participant.res_id) or self.env._("(deleted)")

    def _compute_display_name(self):
        for participant in self:
            participant.display_name = participant.record_name

    def _schedule_first_steps(self, start=None):
        """Schedule the steps that start the scenario (those after no other)."""
        start = start or fields.Datetime.now()
        vals_list = []
        for participant in self:
            roots = participant.scenario_id.step_ids.filtered(lambda step: not step.parent_id)
            vals_list += [
                {
                    "participant_id": participant.id,
                    "step_id": step.id,
                    "schedule_date": step._schedule_date(start, test=participant.is_test),
                }
                for step in roots
            ]
        # The participants' bookkeeping, whoever enrolled them.
        return self.env["marketing.scenario.trace"].sudo().create(vals_list)

    def _stop(self, state):
        """Stop the participants: removed, completed or in error; their steps to come are cancelled."""
        running = self.filtered(lambda participant: participant.state == "running")
        running.trace_ids.filtered(lambda trace: trace.state in PENDING_STATES).write({"state": "cancelled"})
        running.state = state

    def _complete_finished(self):
        """Mark completed the running participants with no step left to come. The steps to come
        are read for these participants only: a `not any` on their steps made PostgreSQL go
        through the steps to come of every participant, a cost that grew with the scenario."""
        pending = {
            participant.id
            for [participant] in self.env["marketing.scenario.trace"]._read_group(
                [("participant_id", "in", self.ids), ("state", "in", PENDING_STATES)], ["participant_id"]
            )
        }
        finished = self.filtered(lambda participant: participant.state == "running" and participant.id not in pending)
        finished.state = "completed"
        return finished

    def action_remove(self):
        self._stop("removed")
        return True

    def action_run_due_now(self):
        """Test mode: run at once the steps of test participants that are due, as the job would."""
        if not all(self.mapped("is_test")):
            raise UserError(self.env._("Only test participants are run by hand: the others follow the schedule."))
        Trace = self.env["marketing.scenario.trace"]
        due = Trace.search(Trace._due_domain() + [("participant_id", "in", self.ids)])
        due.state = "queued"
        for traces in due.grouped("step_id").values():
            traces._job_process()
        return True

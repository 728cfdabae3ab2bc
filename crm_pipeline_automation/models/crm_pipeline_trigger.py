import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import split_every
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

# Events found by base_automation: the model its rule watches and its kind of rule. Dormancy is
# the absence of events: a scheduled job finds it (_cron_detect_dormant).
EVENT_RULES = {
    "won": ("crm.lead", "on_create_or_write"),
    "lost": ("crm.lead", "on_create_or_write"),
    "stage_reached": ("crm.lead", "on_stage_set"),
    "stage_moved": ("crm.lead", "on_stage_set"),
    "quotation_sent": ("sale.order", "on_state_set"),
    "quotation_reopened": ("sale.order", "on_state_set"),
    "activity_created": ("mail.activity", "on_create"),
    "activity_done": ("mail.activity", "on_archive"),
}
# Events that are a change from a state before: a record created in the final state is no such
# change (base_automation checks its "before" domain on updates only).
CHANGE_EVENTS = ("stage_moved", "quotation_reopened")
# Opportunities a job acts upon at most: a few hundred actions fit one transaction of a worker.
BATCH_SIZE = 200
# Where a transaction gathers the opportunities its events fired for, until it commits.
PENDING_KEY = "crm_pipeline_automation.pending"


class CrmPipelineTrigger(models.Model):
    """Koban's automation on a sales pipeline: when an event happens to one of its opportunities
    (and the opportunity meets the conditions), run the actions in order.

    base_automation detects the events (one rule per trigger, kept in sync, read-only under
    Settings > Technical); the rule only records that the event happened. The actions run later,
    in queue_job jobs, with the rights of the trigger's "Run as" user."""

    _name = "crm.pipeline.trigger"
    _description = "Pipeline Trigger"
    _order = "team_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    team_id = fields.Many2one(
        "crm.team",
        string="Pipeline",
        ondelete="cascade",
        index=True,
        help="The sales team whose opportunities the trigger watches. Empty: every pipeline.",
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, readonly=False, precompute=True, index=True
    )
    event = fields.Selection(
        [
            ("won", "The opportunity is won"),
            ("lost", "The opportunity is lost"),
            ("dormant", "The opportunity is dormant"),
            ("stage_reached", "The opportunity reaches a stage"),
            ("stage_moved", "The stage goes from one stage to another"),
            ("quotation_sent", "A quotation is sent"),
            ("quotation_reopened", "A quotation is reopened"),
            ("activity_created", "An activity is created"),
            ("activity_done", "An activity is marked as done"),
        ],
        required=True,
        default="stage_reached",
    )
    stage_id = fields.Many2one(
        "crm.stage",
        string="Stage",
        ondelete="cascade",
        help="The stage the opportunity reaches (for a move: the stage it goes to).",
    )
    from_stage_id = fields.Many2one(
        "crm.stage", string="From Stage", ondelete="cascade", help="The stage the opportunity leaves."
    )
    activity_type_id = fields.Many2one("mail.activity.type", string="Activity Type", ondelete="cascade")
    dormant_days = fields.Integer(
        string="Dormant After (days)",
        default=30,
        help="Days without a stage change, an activity done or a message after which an open "
        "opportunity is dormant. The trigger fires once per dormant period.",
    )
    filter_domain = fields.Char(
        string="Conditions",
        default="[]",
        help="The opportunities the trigger acts upon; the others are left alone.",
    )
    action_ids = fields.One2many("crm.pipeline.trigger.action", "trigger_id", string="Actions", copy=True)
    run_as_user_id = fields.Many2one(
        "res.users",
        string="Run As",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        domain=[("share", "=", False)],
        help="The actions run with this user's rights. Only a settings manager may choose another "
        "user than themselves.",
    )
    automation_ids = fields.One2many(
        "base.automation",
        "crm_pipeline_trigger_id",
        string="Automation Rules",
        groups="base.group_system",
        context={"active_test": False},
    )
    log_ids = fields.One2many("crm.pipeline.trigger.log", "trigger_id", string="Log")
    log_count = fields.Integer(compute="_compute_log_count")
    log_error_count = fields.Integer(compute="_compute_log_count")
    description = fields.Char(compute="_compute_description", help="What sets the trigger off, in words.")

    @api.depends("team_id")
    def _compute_company_id(self):
        for trigger in self:
            trigger.company_id = trigger.team_id.company_id or trigger.company_id

    def _compute_log_count(self):
        counts = dict.fromkeys(self.ids, 0)
        errors = dict.fromkeys(self.ids, 0)
        groups = self.env["crm.pipeline.trigger.log"]._read_group(
            [("trigger_id", "in", self.ids)], ["trigger_id", "state"], ["__count"]
        )
        for trigger, state, count in groups:
            counts[trigger.id] += count
            if state == "failed":
                errors[trigger.id] += count
        for trigger in self:
            trigger.log_count = counts.get(trigger.id, 0)
            trigger.log_error_count = errors.get(trigger.id, 0)

    @api.depends("event", "stage_id", "from_stage_id", "activity_type_id", "dormant_days")
    def _compute_description(self):
        _ = self.env._
        for trigger in self:
            match trigger.event:
                case "stage_reached":
                    text = _("Reaches %s", trigger.stage_id.name or "…")
                case "stage_moved":
                    text = _(
                        "From %(from_stage)s to %(to_stage)s",
                        from_stage=trigger.from_stage_id.name or "…",
                        to_stage=trigger.stage_id.name or "…",
                    )
                case "dormant":
                    text = _("No news for %s days", trigger.dormant_days)
                case "activity_created" | "activity_done":
                    event = dict(self._fields["event"]._description_selection(self.env))[trigger.event]
                    text = _("%(event)s: %(type)s", event=event, type=trigger.activity_type_id.name or "…")
                case _:
                    text = dict(self._fields["event"]._description_selection(self.env)).get(trigger.event, "")
            trigger.description = text

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    @api.constrains(
        "event", "team_id", "stage_id", "from_stage_id", "activity_type_id", "dormant_days", "filter_domain"
    )
    def _check_event(self):
        for trigger in self:
            problem = trigger._event_problem()
            if problem:
                raise ValidationError(self.env._("Trigger %(name)s: %(problem)s", name=trigger.name, problem=problem))

    def _event_problem(self):
        """What is wrong with the event, said so that the user knows what to change; or None."""
        self.ensure_one()
        _ = self.env._
        stages = self.stage_id | self.from_stage_id if self.event in ("stage_reached", "stage_moved") else ()
        for stage in stages:
            if stage.team_ids and self.team_id and self.team_id not in stage.team_ids:
                return _(
                    'the stage "%(stage)s" belongs to the pipeline %(other)s: choose a stage of %(team)s.',
                    stage=stage.name,
                    other=", ".join(stage.team_ids.mapped("name")),
                    team=self.team_id.name,
                )
        if self.event == "stage_reached" and not self.stage_id:
            return _("choose the stage the opportunity reaches.")
        if self.event == "stage_moved":
            if not (self.stage_id and self.from_stage_id):
                return _("choose the stage the opportunity leaves and the stage it reaches.")
            if self.stage_id == self.from_stage_id:
                return _("the stage it leaves and the stage it reaches are the same: choose two different stages.")
        if self.event in ("activity_created", "activity_done"):
            if not self.activity_type_id:
                return _("choose the type of activity.")
            if self.activity_type_id.res_model not in (False, "crm.lead"):
                return _(
                    'the activity type "%s" is for other documents than opportunities: choose one for opportunities.',
                    self.activity_type_id.name,
                )
        if self.event == "dormant" and self.dormant_days <= 0:
            return _("an opportunity is dormant after at least one day: set a number of days above 0.")
        try:
            self.env["crm.lead"].search_count(self._condition_domain(), limit=1)
        except Exception:  # noqa: BLE001 - any error in the domain says it is not a valid one
            return _("the conditions are not valid: build them again with the editor.")
        return None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_run_as(vals.get("run_as_user_id"))
        triggers = super().create(vals_list)
        triggers._sync_automations()
        return triggers

    def write(self, vals):
        self._check_run_as(vals.get("run_as_user_id"))
        result = super().write(vals)
        if set(vals) & {"active", "team_id", "event", "stage_id", "from_stage_id", "activity_type_id", "filter_domain"}:
            self._sync_automations()
        return result

    def unlink(self):
        # base_automation's rules are for administrators: they go with the trigger they stand for.
        self.sudo().with_context(active_test=False).automation_ids.unlink()
        return super().unlink()

    def _check_run_as(self, user_id):
        if user_id and user_id != self.env.uid and not self.env.su and not self.env.user._is_system():
            raise UserError(
                self.env._("Only a settings manager may make a trigger run as another user: leave yourself in Run As.")
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for trigger, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%s (copy)", trigger.name))
            vals["run_as_user_id"] = self.env.uid
        return vals_list

    # ------------------------------------------------------------
    # The automation rules standing for the triggers
    # ------------------------------------------------------------

    def _condition_domain(self):
        """The trigger's pipeline and conditions, a domain on opportunities."""
        self.ensure_one()
        domain = Domain(safe_eval(self.filter_domain or "[]", {"uid": self.env.uid}))
        if self.team_id:
            domain &= Domain("team_id", "=", self.team_id.id)
        return domain

    def _automation_values(self):
        """base_automation's rule detecting the trigger's event (None for dormancy)."""
        self.ensure_one()
        if self.event not in EVENT_RULES:
            return None
        model_name, kind = EVENT_RULES[self.event]
        model = self.env["ir.model"]._get(model_name)
        values = {
            "name": self.env._("Pipeline trigger: %s", self.name),
            "model_id": model.id,
            "trigger": kind,
            "active": self.active,
            "crm_pipeline_trigger_id": self.id,
            "filter_pre_domain": False,
            "description": self.env._("Made by the pipeline trigger %s: change the trigger, not this rule.", self.name),
        }
        field_ids = self.env["ir.model.fields"]._get_ids(model_name)
        lead_domain = list(self._condition_domain())
        match self.event:
            case "won" | "lost":
                values["trigger_field_ids"] = [Command.set([field_ids["won_status"]])]
                values["filter_domain"] = repr(list(Domain("won_status", "=", self.event) & Domain(lead_domain)))
            case "stage_reached" | "stage_moved":
                values["trg_field_ref"] = self.stage_id.id
                values["trigger_field_ids"] = [Command.set([field_ids["stage_id"]])]
                values["filter_domain"] = repr(list(Domain("stage_id", "=", self.stage_id.id) & Domain(lead_domain)))
                if self.event == "stage_moved":
                    values["filter_pre_domain"] = repr([("stage_id", "=", self.from_stage_id.id)])
            case "quotation_sent" | "quotation_reopened":
                state = "sent" if self.event == "quotation_sent" else "draft"
                values["trigger_field_ids"] = [Command.set([field_ids["state"]])]
                values["trg_selection_field_id"] = (
                    self.env["ir.model.fields.selection"]
                    .search([("field_id", "=", field_ids["state"]), ("value", "=", state)])
                    .id
                )
                domain = Domain("state", "=", state) & Domain("opportunity_id", "!=", False)
                if self.team_id:
                    domain &= Domain("opportunity_id.team_id", "=", self.team_id.id)
                values["filter_domain"] = repr(list(domain))
                if self.event == "quotation_reopened":
                    values["filter_pre_domain"] = repr([("state", "in", ["sent", "cancel"])])
            case "activity_created" | "activity_done":
                domain = Domain("res_model", "=", "crm.lead") & Domain(
                    "activity_type_id", "=", self.activity_type_id.id
                )
                if self.event == "activity_done":
                    values["trigger_field_ids"] = [Command.set([field_ids["active"]])]
                    domain &= Domain("active", "=", False)
                values["filter_domain"] = repr(list(domain))
        values["action_server_ids"] = [
            Command.create(
                {
                    "name": self.env._("Record the event of the pipeline trigger %s", self.name),
                    "model_id": model.id,
                    "state": "code",
                    "code": f"env['crm.pipeline.trigger'].browse({self.id})._on_event(records)",
                }
            )
        ]
        return values

    def _sync_automations(self):
        """Make base_automation's rules say what the triggers say: the rule of a trigger is made
        anew whenever its event changes, so that none of base_automation's computed values
        (domains, watched fields) lingers from the former event."""
        # base_automation's rules and their server actions are for administrators: sales managers
        # make triggers, the rules follow them, and run nothing but _on_event.
        triggers_sudo = self.sudo().with_context(active_test=False)
        automations = triggers_sudo.automation_ids
        automations.action_server_ids.unlink()
        automations.unlink()
        values = [vals for trigger in triggers_sudo if (vals := trigger._automation_values())]
        if values:
            automations.create(values)

    # ------------------------------------------------------------
    # Detection: from an event to queued jobs
    # ------------------------------------------------------------

    def _on_event(self, records):
        """Called by the trigger's automation rule on the records it found: record the event for
        the opportunities in the pipeline meeting the conditions. The actions run after the commit.

        The one check base_automation cannot make: its "before" domain is not checked on creation,
        and a record created straight into a state did not change from another (its rule runs
        with ``old_values`` None on creation)."""
        self.ensure_one()
        if self.event in CHANGE_EVENTS and self.env.context.get("old_values") is None:
            return
        leads = self._leads_of(records)
        if not leads:
            return
        leads = leads.with_context(active_test=False).filtered_domain(self._condition_domain())
        if leads:
            self._add_pending(leads)

    def _leads_of(self, records):
        match records._name:
            case "crm.lead":
                return records
            case "sale.order":
                return records.opportunity_id
            case "mail.activity":
                return self.env["crm.lead"].browse({activity.res_id for activity in records if activity.res_id})
        return self.env["crm.lead"]

    def _add_pending(self, leads):
        """Gather the opportunities of the transaction: one set per trigger, so that an event
        seen twice in a transaction (a write and the recomputation it causes) fires once."""
        cr = self.env.cr
        pending = cr.precommit.data.get(PENDING_KEY)
        if pending is None:
            pending = cr.precommit.data[PENDING_KEY] = {}
            # The jobs are queued at the commit: in this transaction, so that a rolled back click
            # queues nothing; once, whatever the number of writes that fired events.
            env = self.env(context={}, su=True)
            cr.precommit.add(lambda: env["crm.pipeline.trigger"]._queue_pending())
        pending.setdefault(self.id, {}).update(dict.fromkeys(leads.ids))

    @api.model
    def _queue_pending(self):
        pending = self.env.cr.precommit.data.pop(PENDING_KEY, {})
        for trigger_id, lead_ids in pending.items():
            trigger = self.browse(trigger_id)
            trigger._create_logs(list(lead_ids))

    def _create_logs(self, lead_ids, dormant_since=None):
        """One log an opportunity, and one job a batch of logs, queued after this transaction."""
        self.ensure_one()
        Log = self.env["crm.pipeline.trigger.log"]
        for batch in split_every(BATCH_SIZE, lead_ids):
            logs = Log.create(
                [
                    {
                        "trigger_id": self.id,
                        "lead_id": lead_id,
                        "event": self.event,
                        "dormant_since": dormant_since and dormant_since[lead_id],
                    }
                    for lead_id in batch
                ]
            )
            logs._queue_run()

    # ------------------------------------------------------------
    # Dormancy
    # ------------------------------------------------------------

    @api.model
    def _cron_detect_dormant(self):
        """Queue a detection job per dormancy trigger: the scheduled job only finds what is due."""
        for trigger in self.search([("event", "=", "dormant")]):
            trigger.with_delay(
                description=self.env._("Pipeline trigger %s: find the dormant opportunities", trigger.name),
                identity_key=f"crm_pipeline_trigger_dormant:{trigger.id}",
            )._job_detect_dormant()

    def _job_detect_dormant(self):
        """Fire for the open opportunities with no stage change, no activity done and no message
        for the trigger's number of days, once per dormant period: the period starts at the last
        sign of life, and a log remembers it."""
        self.ensure_one()
        if not self.active or self.event != "dormant":
            return
        since = self.env.cr.now() - timedelta(days=self.dormant_days)
        leads = self.env["crm.lead"].search(
            Domain("type", "=", "opportunity")
            & Domain("won_status", "=", "pending")
            & Domain("date_last_stage_update", "<", since)
            & self._condition_domain()
        )
        last_touch = {lead.id: lead.date_last_stage_update or lead.create_date for lead in leads}
        # An activity marked done posts a message: the last message is the last sign of life.
        # Messages of the automations themselves (posted by OdooBot) are none.
        root = self.env.ref("base.partner_root").id
        for res_id, date in self.env["mail.message"]._read_group(
            [("model", "=", "crm.lead"), ("res_id", "in", leads.ids), ("author_id", "!=", root)],
            ["res_id"],
            ["date:max"],
        ):
            last_touch[res_id] = max(last_touch[res_id], date)
        dormant = {lead_id: touch for lead_id, touch in last_touch.items() if touch < since}
        fired = self.env["crm.pipeline.trigger.log"].search_fetch(
            [("trigger_id", "=", self.id), ("lead_id", "in", list(dormant)), ("dormant_since", "!=", False)],
            ["lead_id", "dormant_since"],
        )
        for log in fired:
            if log.dormant_since >= dormant.get(log.lead_id.id, log.dormant_since):
                dormant.pop(log.lead_id.id, None)
        if dormant:
            _logger.info("Pipeline trigger %s: %s dormant opportunities", self.id, len(dormant))
            self._create_logs(list(dormant), dormant_since=dormant)

    # ------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------

    def action_open_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_pipeline_automation.crm_pipeline_trigger_log_action"
        )
        action["domain"] = [("trigger_id", "=", self.id)]
        action["context"] = {"default_trigger_id": self.id}
        return action

    def action_open_test(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Test on an Opportunity"),
            "res_model": "crm.pipeline.trigger.test",
            "view_mode": "form",
            "target": "new",
            "context": {"default_trigger_id": self.id},
        }

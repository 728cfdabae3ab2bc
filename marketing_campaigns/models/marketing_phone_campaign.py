import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, split_every

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.smart_queries.models.smart_query_trigger_action import isolated

_logger = logging.getLogger(__name__)

# The records a call list is made of: contacts, and leads and opportunities.
CALLABLE_MODELS = ("res.partner", "crm.lead")
# The models a call list may be built from: those, and the activities, whose records are called.
QUERY_MODELS = (*CALLABLE_MODELS, "mail.activity")
# Up to this many records, the calls are made while the user waits (a few seconds at most: one
# activity creation and one follower subscription per record, in batches); beyond it, one
# queue_job job per batch, so that a list of thousands neither times out the request nor
# holds its locks for minutes.
SYNC_LIMIT = 500
# Records per job: a batch creates its activities in one `create` and subscribes the callers in
# one call per caller; 500 keeps a job well under a minute and its retry cheap.
BATCH_SIZE = 500


class MarketingPhoneCampaign(models.Model):
    """Koban's "campagne de prospection téléphonique": a list of people to call, each call an
    activity of the Call type on the contact or lead, assigned to a caller, done with one of the
    outcomes of crm_pipeline_automation."""

    _name = "marketing.phone.campaign"
    _description = "Phone Campaign"
    _inherit = ["mail.thread"]
    _order = "state_sequence, date_deadline desc, id desc"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
        help="Gets the calls no caller can take: in salesperson mode, those of records without a "
        "salesperson when the campaign has no callers.",
    )
    utm_campaign_id = fields.Many2one(
        "utm.campaign",
        string="Marketing Campaign",
        ondelete="set null",
        help="The campaign of Email Marketing this calling belongs to, so that its results are read together.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    # Running campaigns first in lists, then drafts, then closed ones.
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity Type",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False),
        domain=[("res_model", "=", False)],
        help="The type of the calls: with Call, marking a call done asks for its outcome and a report.",
    )
    summary = fields.Char(help="The summary of each call, as the callers see it in their activities.")
    note = fields.Html(string="Call Script", help="Copied into each call: what to say, what to ask.")
    date_deadline = fields.Date(
        string="Deadline",
        required=True,
        default=lambda self: fields.Date.add(fields.Date.context_today(self), days=14),
        tracking=True,
        help="The due date of the calls.",
    )
    caller_ids = fields.Many2many(
        "res.users",
        "marketing_phone_campaign_caller_rel",
        "campaign_id",
        "user_id",
        string="Callers",
        # A text domain: a list would make the ORM search these records at every user creation
        # (to recompute "share"), and break Odoo's own tests creating users with an inbox.
        domain="[('share', '=', False)]",
    )
    assignment = fields.Selection(
        [("round_robin", "Round robin among the callers"), ("salesperson", "The record's salesperson")],
        string="Assign Calls To",
        default="round_robin",
        required=True,
        help="Round robin: each new call goes to the caller with the fewest calls in the campaign. "
        "Salesperson: to the salesperson of the contact or lead; records without one go round robin "
        "to the callers, or to the responsible when there are no callers.",
    )
    query_id = fields.Many2one(
        "smart.query",
        string="Query",
        ondelete="set null",
        domain=[("model_name", "in", QUERY_MODELS)],
        help="The contacts, leads or opportunities to call, or the activities whose records to call. "
        "Run it again to add the new matches: those already in the campaign are not added twice.",
    )
    call_ids = fields.One2many(
        "mail.activity", "phone_campaign_id", string="Calls", context={"active_test": False}, readonly=True
    )
    exclusion_ids = fields.One2many(
        "marketing.phone.campaign.exclusion", "campaign_id", string="Left Out", readonly=True
    )
    call_count = fields.Integer(string="Calls in All", compute="_compute_call_counts")
    call_todo_count = fields.Integer(string="To Call", compute="_compute_call_counts")
    call_done_count = fields.Integer(string="Calls Done", compute="_compute_call_counts")
    call_done_rate = fields.Float(string="Progress", compute="_compute_call_counts")
    outcome_summary = fields.Char(string="Outcomes", compute="_compute_call_counts")
    # Figures a caller reads on the campaign of his calls, though the records left out are the
    # marketing team's: counted with sudo.
    do_not_call_count = fields.Integer(string="Do Not Call", compute="_compute_exclusion_counts", compute_sudo=True)
    no_phone_count = fields.Integer(string="Without Phone", compute="_compute_exclusion_counts", compute_sudo=True)
    not_callable_count = fields.Integer(
        string="Neither Contact nor Lead", compute="_compute_exclusion_counts", compute_sudo=True
    )
    exclusion_count = fields.Integer(string="Records Left Out", compute="_compute_exclusion_counts", compute_sudo=True)

    @api.depends("state")
    def _compute_state_sequence(self):
        order = {"running": 1, "draft": 2, "done": 3}
        for campaign in self:
            campaign.state_sequence = order.get(campaign.state, 9)

    @api.depends("call_ids.active", "call_ids.outcome_id")
    def _compute_call_counts(self):
        """Counted in one grouped query: calls to make are the open activities, calls made the
        archived ones (Odoo archives an activity marked done), per the outcome recorded."""
        counts = defaultdict(lambda: {"todo": 0, "done": 0, "outcomes": []})
        groups = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            ._read_group(
                [("phone_campaign_id", "in", self.ids)],
                ["phone_campaign_id", "active", "outcome_id"],
                ["__count"],
                order="phone_campaign_id, outcome_id",
            )
        )
        for campaign, active, outcome, count in groups:
            if active:
                counts[campaign]["todo"] += count
            else:
                counts[campaign]["done"] += count
                label = outcome.name if outcome else self.env._("No outcome")
                counts[campaign]["outcomes"].append(self.env._("%(outcome)s: %(count)s", outcome=label, count=count))
        for campaign in self:
            stats = counts[campaign]
            total = stats["todo"] + stats["done"]
            campaign.call_count = total
            campaign.call_todo_count = stats["todo"]
            campaign.call_done_count = stats["done"]
            campaign.call_done_rate = 100.0 * stats["done"] / total if total else 0.0
            campaign.outcome_summary = ", ".join(stats["outcomes"]) or False

    @api.depends("exclusion_ids.reason")
    def _compute_exclusion_counts(self):
        counts = {
            (campaign, reason): count
            for campaign, reason, count in self.env["marketing.phone.campaign.exclusion"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id", "reason"], ["__count"]
            )
        }
        for campaign in self:
            campaign.do_not_call_count = counts.get((campaign, "do_not_call"), 0)
            campaign.no_phone_count = counts.get((campaign, "no_phone"), 0)
            campaign.not_callable_count = counts.get((campaign, "not_callable"), 0)
            campaign.exclusion_count = (
                campaign.do_not_call_count + campaign.no_phone_count + campaign.not_callable_count
            )

    @api.constrains("query_id")
    def _check_query_model(self):
        for campaign in self.filtered("query_id"):
            if campaign.query_id.model_name not in QUERY_MODELS:
                raise ValidationError(
                    self.env._(
                        "The query %(query)s lists %(model)s: a call list is built from a query on contacts, "
                        "leads and opportunities, or activities. Choose another query.",
                        query=campaign.query_id.name,
                        model=campaign.query_id.model_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_start(self):
        self.filtered(lambda campaign: campaign.state == "draft").state = "running"

    def action_close(self):
        """Close the campaign: the calls not made are cancelled, so that they leave the callers'
        activities; the calls made and their outcomes stay."""
        for campaign in self.filtered(lambda campaign: campaign.state != "done"):
            open_calls = campaign.call_ids.filtered("active")
            if open_calls:
                campaign.message_post(
                    body=self.env._("Closed: %s calls not made were cancelled.", len(open_calls)),
                    subtype_xmlid="mail.mt_note",
                )
                open_calls.unlink()
            campaign.state = "done"

    def action_reopen(self):
        """Reopen a closed campaign, to add calls to it again."""
        self.filtered(lambda campaign: campaign.state == "done").state = "running"

    def action_add_from_query(self):
        """Add the query's records to the call list, asking the query's parameters first."""
        self.ensure_one()
        self._check_can_add_calls()
        if not self.query_id:
            raise UserError(self.env._("Choose the query whose records to call, then add them."))
        self.query_id._check_runnable()
        if self.query_id.param_ids:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Add the records of %(query)s", query=self.query_id.name),
                "res_model": "smart.query.launch",
                "view_mode": "form",
                "views": [(self.env.ref("marketing_campaigns.smart_query_launch_view_form_phone_campaign").id, "form")],
                "target": "new",
                "context": {"default_query_id": self.query_id.id, "default_phone_campaign_id": self.id},
            }
        return self._add_from_query()

    def action_view_calls(self):
        """The calls of the campaign, made or not, with their outcomes; a graph by outcome."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "marketing_campaigns.mail_activity_action_phone_campaign"
        )
        action["domain"] = [("phone_campaign_id", "=", self.id)]
        action["context"] = {"active_test": False, "search_default_group_outcome": 1}
        action["display_name"] = self.env._("Calls of %s", self.name)
        return action

    def action_view_exclusions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Left out of %s", self.name),
            "res_model": "marketing.phone.campaign.exclusion",
            "view_mode": "list",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"search_default_group_reason": 1},
        }

    # ------------------------------------------------------------------
    # Building the call list
    # ------------------------------------------------------------------

    def _check_can_add_calls(self):
        for campaign in self:
            if campaign.state == "done":
                raise UserError(
                    self.env._(
                        "The phone campaign %s is closed: reopen it to add calls, or add them to a running one.",
                        campaign.name,
                    )
                )

    def _add_from_query(self, param_values=None):
        """Add the records the query finds for the current user, with the parameters' values given."""
        self.ensure_one()
        records = self.query_id._search_matching(param_values)
        if records._name == "mail.activity":
            targets = defaultdict(list)
            for activity in records.filtered("res_model"):
                targets[activity.res_model].append(activity.res_id)
        else:
            targets = {records._name: records.ids}
        return self._add_targets(targets)

    def _add_targets(self, targets):
        """Add calls for the records of ``targets`` ({model: ids}): at once up to SYNC_LIMIT
        records, else in queue_job jobs of BATCH_SIZE records. Returns a notification."""
        self.ensure_one()
        self._check_can_add_calls()
        self.action_start()
        targets = {model: list(dict.fromkeys(ids)) for model, ids in targets.items() if ids}
        total = sum(len(ids) for ids in targets.values())
        if total <= SYNC_LIMIT:
            stats = defaultdict(int)
            for model, ids in targets.items():
                self._lock_call_list()
                for key, value in self._add_calls_batch(model, ids).items():
                    stats[key] += value
            message = self._stats_message(stats)
            self.message_post(body=message, subtype_xmlid="mail.mt_note")
        else:
            jobs = 0
            for model, ids in targets.items():
                for batch in split_every(BATCH_SIZE, ids, list):
                    self.with_delay(
                        description=self.env._(
                            "Phone campaign %(campaign)s: %(count)s records", campaign=self.name, count=len(batch)
                        )
                    )._job_add_calls(model, batch)
                    jobs += 1
            message = self.env._(
                "%(count)s records are being added in %(jobs)s batches: the counts fill in as they are done.",
                count=total,
                jobs=jobs,
            )
            self.message_post(body=message, subtype_xmlid="mail.mt_note")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.name,
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _job_add_calls(self, model, res_ids):
        """Job: add the calls of one batch. Batches of one campaign take turns (they read which
        records already have a call): a batch finding the lock taken is retried by queue_job."""
        self.ensure_one()
        if self.state == "done":
            return self.env._("The campaign was closed: nothing added.")
        if not self._lock_call_list(wait=False):
            raise RetryableJobError("Another batch of the campaign is being added.", seconds=5, ignore_retry=True)
        stats = self._add_calls_batch(model, res_ids)
        message = self._stats_message(stats)
        self.message_post(body=message, subtype_xmlid="mail.mt_note")
        return message

    def _on_add_calls_job_failed(self, exc_info=None, exc_name=None, exc_message=None, **kwargs):
        """A batch failed for good (after queue_job's retries): the campaign says so; adding the
        records again adds those of the batch, and only them."""
        for campaign in self:
            campaign.message_post(
                body=self.env._(
                    "A batch of records could not be added: %s. Add the records again: those already in "
                    "the campaign are not added twice.",
                    exc_message or exc_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _lock_call_list(self, wait=True):
        """A transaction-level lock on the campaign's call list: two additions at once would both
        find a record without a call and call it twice."""
        self.ensure_one()
        function = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
        self.env.cr.execute(
            SQL("SELECT %s(%s, %s)", SQL(function), SQL("hashtext('marketing_phone_campaign')"), self.id)
        )
        return wait or self.env.cr.fetchone()[0]

    def _stats_message(self, stats):
        return self.env._(
            "%(added)s calls added; left out: %(do_not_call)s do not call, %(no_phone)s without phone, "
            "%(not_callable)s neither contact nor lead; %(already)s already in the campaign, %(failed)s in error.",
            added=stats.get("added", 0),
            do_not_call=stats.get("do_not_call", 0),
            no_phone=stats.get("no_phone", 0),
            not_callable=stats.get("not_callable", 0),
            already=stats.get("already", 0),
            failed=stats.get("failed", 0),
        )

    def _add_calls_batch(self, model, res_ids):
        """Create the calls of the records ``res_ids`` of ``model`` not yet in the campaign; record
        those left out and why. The caller holds the call list's lock."""
        self.ensure_one()
        stats = defaultdict(int)
        Exclusion = self.env["marketing.phone.campaign.exclusion"]
        if model not in CALLABLE_MODELS:
            stats["not_callable"] = len(res_ids)
            Exclusion._record(self, model, {"not_callable": res_ids})
            return stats
        records = self.env[model].browse(res_ids).exists()
        already = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search_fetch(
                [("phone_campaign_id", "=", self.id), ("res_model", "=", model), ("res_id", "in", records.ids)],
                ["res_id"],
            )
        )
        known_ids = set(already.mapped("res_id"))
        stats["already"] = len(known_ids)
        records = records.filtered(lambda record: record.id not in known_ids)
        number_fields = records._phone_get_number_fields()
        with_phone = records.filtered(lambda record: any(record[fname] for fname in number_fields))
        checked = with_phone.filtered("phone_sanitized")
        do_not_call = checked - checked._crm_leads_can_call()
        no_phone = records - with_phone
        to_call = with_phone - do_not_call
        Exclusion._record(self, model, {"do_not_call": do_not_call.ids, "no_phone": no_phone.ids}, cleared=to_call.ids)
        stats["do_not_call"], stats["no_phone"] = len(do_not_call), len(no_phone)
        values = self._call_values(to_call)
        try:
            with isolated(self.env.cr):
                self._create_calls(values)
            stats["added"] = len(values)
        except Exception:
            # One bad record must not lose the batch: each call alone, the failed ones logged.
            for vals in values:
                try:
                    with isolated(self.env.cr):
                        self._create_calls([vals])
                    stats["added"] += 1
                except Exception:
                    _logger.exception("Phone campaign %s: no call for %s,%s", self.id, model, vals["res_id"])
                    stats["failed"] += 1
        return stats

    def _create_calls(self, values):
        # Callers are told of their calls by the campaign, not by one e-mail per call.
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(values)

    def _call_values(self, records):
        """The values of the calls of ``records``, each assigned to its caller."""
        self.ensure_one()
        if not records:
            return []
        model_id = self.env["ir.model"]._get_id(records._name)
        users = self._assign_callers(records)
        return [
            {
                "res_model_id": model_id,
                "res_id": record.id,
                "activity_type_id": self.activity_type_id.id,
                "summary": self.summary or self.name,
                "note": self.note,
                "date_deadline": self.date_deadline,
                "user_id": users[record].id,
                "phone_campaign_id": self.id,
            }
            for record in records
        ]

    def _assign_callers(self, records):
        """{record: user}. Round robin gives each call to the caller with the fewest calls in the
        campaign so far, whatever the batch: the calls stay evenly spread across batches and
        additions. In salesperson mode, the record's salesperson; without one, round robin."""
        self.ensure_one()
        users = {}
        to_spread = records
        if self.assignment == "salesperson" and "user_id" in records._fields:
            for record in records:
                if record.user_id and record.user_id.active and not record.user_id.share:
                    users[record] = record.user_id
            to_spread = records.filtered(lambda record: record not in users)
        if not to_spread:
            return users
        callers = self.caller_ids.filtered("active")
        if not callers:
            responsible = self.user_id or self.env.user
            users.update(dict.fromkeys(to_spread, responsible))
            return users
        loads = dict.fromkeys(callers, 0)
        for user, count in (
            self.env["mail.activity"]
            .with_context(active_test=False)
            ._read_group(
                [("phone_campaign_id", "=", self.id), ("user_id", "in", callers.ids)], ["user_id"], ["__count"]
            )
        ):
            loads[user] = count
        for record in to_spread:
            caller = min(callers, key=lambda user: loads[user])
            users[record] = caller
            loads[caller] += 1
        return users

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain


class MailingMailing(models.Model):
    """A mailing whose recipients are a smart query's records, found again when it is sent.

    The query only narrows the recipients mass_mailing computes (``_get_recipients_domain``):
    sending, traces, opt-outs and the blacklist stay mass_mailing's."""

    _inherit = "mailing.mailing"

    smart_query_id = fields.Many2one(
        "smart.query",
        string="Recipients Query",
        ondelete="restrict",
        index="btree_not_null",
        domain="[('model_name', '=', mailing_model_real)]",
        help="The recipients are the records this query finds when the mailing is sent, not when "
        "it is prepared: a record entering the query's results in between receives it.",
    )
    smart_query_value_ids = fields.One2many(
        "mailing.smart.query.value",
        "mailing_id",
        string="Query Values",
        compute="_compute_smart_query_value_ids",
        store=True,
        readonly=False,
        precompute=True,
        copy=True,
        help="The values of the query's parameters used when the mailing is sent.",
    )
    # Set by the pipeline action "create an e-mail campaign": the campaign is made once per
    # opportunity and action.
    crm_lead_id = fields.Many2one(
        "crm.lead", string="From Opportunity", ondelete="set null", index="btree_not_null", readonly=True, copy=False
    )
    crm_pipeline_action_id = fields.Many2one(
        "crm.pipeline.trigger.action",
        string="Made by the Pipeline Action",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )

    _pipeline_action_once_per_lead = models.UniqueIndex(
        "(crm_pipeline_action_id, crm_lead_id) WHERE crm_pipeline_action_id IS NOT NULL AND crm_lead_id IS NOT NULL",
        "A pipeline action makes one e-mail campaign per opportunity.",
    )

    @api.depends("smart_query_id")
    def _compute_smart_query_value_ids(self):
        """One value per parameter of the query, empty to start with."""
        for mailing in self:
            query = mailing.smart_query_id
            kept = mailing.smart_query_value_ids.filtered(lambda value, query=query: value.param_id.query_id == query)
            missing = query.param_ids - kept.param_id
            commands = [Command.delete(value.id) for value in mailing.smart_query_value_ids - kept if value.id]
            # Left empty, a value is the parameter's default when the mailing is sent: "today -30d"
            # stays thirty days before the sending, however long the mailing waits.
            commands += [Command.create({"param_id": param.id}) for param in missing]
            if commands:
                mailing.smart_query_value_ids = commands

    @api.onchange("smart_query_id")
    def _onchange_smart_query_id(self):
        """The query chooses the recipients: a filter written before would narrow them unseen."""
        if self.smart_query_id:
            self.mailing_domain = repr(list(self._get_default_mailing_domain()))

    @api.constrains("smart_query_id", "mailing_model_id")
    def _check_smart_query_model(self):
        for mailing in self.filtered("smart_query_id"):
            query = mailing.smart_query_id
            query._check_mailing_model()
            if query.model_name != mailing.mailing_model_real:
                raise ValidationError(
                    self.env._(
                        'The query "%(query)s" finds %(query_model)s, but the mailing "%(mailing)s" is sent to '
                        "%(model)s: choose a query of %(model)s, or change the mailing's recipients.",
                        query=query.name,
                        query_model=query.model_id.name,
                        mailing=mailing.subject or "",
                        model=mailing.mailing_model_id.name,
                    )
                )

    def write(self, vals):
        if {"smart_query_id", "smart_query_value_ids"} & set(vals):
            self._check_query_editable()
        return super().write(vals)

    def _check_query_editable(self):
        sent = self.filtered(lambda mailing: mailing.state != "draft")
        if sent:
            raise UserError(
                self.env._(
                    'The mailing "%s" is no longer a draft: its query and the query\'s values cannot change. '
                    "Duplicate it to send it again with other values.",
                    sent[0].subject,
                )
            )

    def _compute_total(self):
        """A query that cannot run yet (a required value not given) counts no recipient: the
        mailing is still shown and edited; queueing it says what is missing."""
        broken = self.browse()
        for mailing in self.filtered("smart_query_id"):
            try:
                mailing._get_recipients_domain()
            except (UserError, ValidationError):
                broken |= mailing
        broken.total = 0
        return super(MailingMailing, self - broken)._compute_total()

    def action_put_in_queue(self):
        """Sending now, or scheduling, checks the query can run with the values given: a value
        missing or criteria gone wrong are said to the user who clicks, not found by the queue."""
        for mailing in self.filtered("smart_query_id"):
            mailing._get_recipients_domain()
        return super().action_put_in_queue()

    def _smart_query_param_values(self):
        self.ensure_one()
        return {value.param_id.name: value._value() for value in self.smart_query_value_ids}

    def _get_recipients_domain(self):
        """The mailing's own filter, and the query's criteria with the values stored on the
        mailing, evaluated now: at sending, this is who the mailing goes to."""
        domain = super()._get_recipients_domain()
        if not self.smart_query_id:
            return domain
        # Whoever sends the mailing (its queue runs as the scheduler's user, a colleague clicks
        # Send) reads the criteria its author chose among the queries he may read; the records
        # are still searched with the sender's rights.
        query = self.smart_query_id.sudo()
        query._check_runnable()
        return domain & Domain(query._get_domain(self._smart_query_param_values()))

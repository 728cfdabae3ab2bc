from odoo import api, fields, models
from odoo.exceptions import UserError


class SmartQueryTriggerAction(models.Model):
    """The action "add to an e-mail campaign": the records new to the query join a mailing list, or receive
    a mailing (at once when it was sent already; when it is sent, if it is fed by the query)."""

    _inherit = "smart.query.trigger.action"

    kind = fields.Selection(
        selection_add=[("mailing_add", "Add to an E-mail Campaign")], ondelete={"mailing_add": "cascade"}
    )
    mailing_list_id = fields.Many2one(
        "mailing.list",
        string="Mailing List",
        ondelete="cascade",
        help="The new records' e-mail addresses are subscribed to this list.",
    )
    mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Mailing",
        ondelete="cascade",
        domain="[('smart_query_id', '=', query_id)]",
        help="A mailing whose recipients are this query's records. Already sent, it goes out again to "
        "the new records only (those who received it are not sent it twice); not sent yet, the new "
        "records are among its recipients when it is.",
    )
    query_id = fields.Many2one(related="trigger_id.query_id", string="Query")

    def _configuration_problem(self):
        problem = super()._configuration_problem()
        if problem or self.kind != "mailing_add":
            return problem
        _ = self.env._
        if bool(self.mailing_list_id) == bool(self.mailing_id):
            return _("choose either the mailing list the new records join, or the mailing they receive.")
        query = self.trigger_id.query_id
        try:
            query._check_mailing_model()
            if self.mailing_list_id:
                query._email_field()
        except UserError as error:
            return error.args[0]
        if self.mailing_id and self.mailing_id.smart_query_id != query:
            return _(
                'the recipients of the mailing "%(mailing)s" are not the records of the query %(query)s: choose '
                'a mailing fed by the query (the query\'s button "Send to an E-mail Campaign" makes one).',
                mailing=self.mailing_id.subject,
                query=query.name,
            )
        return None

    def _run_mailing_add(self, records, stats):
        if self.mailing_list_id:
            # The list is the marketing team's, whoever the trigger runs as: contacts are made
            # for the records that user found, nothing else of the list is read or changed.
            self.mailing_list_id.sudo()._add_records(records, self.trigger_id.query_id._email_field())
            return
        mailing = self.mailing_id.with_env(records.env)
        if mailing.state == "done":
            # Sent already: back in Odoo's queue, which sends it to the query's records that have
            # no trace of it yet (the new ones), with Odoo's opt-outs, blacklist and traces.
            mailing.action_put_in_queue()
        # Not sent yet: the query finds the new records among its recipients when it is.

    @api.constrains("mailing_list_id", "mailing_id")
    def _check_mailing_configuration(self):
        self._check_configuration()

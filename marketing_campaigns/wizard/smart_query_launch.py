from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class SmartQueryLaunch(models.TransientModel):
    """The query's run dialog also sends its records to an e-mail campaign: it asks the
    parameters' values the same way, and where the records go."""

    _inherit = "smart.query.launch"

    mailing_target = fields.Selection(
        [
            ("new_mailing", "A new mailing"),
            ("mailing", "A draft mailing"),
            ("mailing_list", "A mailing list"),
        ],
        string="Send To",
        default="new_mailing",
        help="A mailing finds the query's records again when it is sent, with the values given here. "
        "A mailing list gets the e-mail addresses of the records found now.",
    )
    query_model_name = fields.Char(related="query_id.model_name", string="Model of the Query")
    mailing_subject = fields.Char(string="Subject")
    mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Mailing",
        domain="[('state', '=', 'draft'), ('mailing_model_name', '=', query_model_name)]",
    )
    mailing_list_id = fields.Many2one("mailing.list", string="Mailing List")

    @api.onchange("mailing_target")
    def _onchange_mailing_target(self):
        if self.mailing_target != "mailing":
            self.mailing_id = False
        if self.mailing_target != "mailing_list":
            self.mailing_list_id = False

    def _value_commands(self):
        return [
            Command.create(
                {
                    "param_id": line.param_id.id,
                    "value_text": line.value_text,
                    "value_number": line.value_number,
                    "value_date": line.value_date,
                    "value_selection_id": line.value_selection_id.id,
                    "value_record": line.value_record,
                }
            )
            for line in self.line_ids
        ]

    def action_send_to_mailing(self):
        """Make or update the mailing fed by the query, or fill the mailing list now."""
        self.ensure_one()
        query = self.query_id
        query._check_runnable()
        query._check_mailing_model()
        # Refuses a missing required value or a wrong one now, rather than when the mailing is sent.
        query._get_domain(self._param_values())
        if self.mailing_target == "mailing_list":
            return self._add_to_mailing_list()
        values = {"smart_query_id": query.id, "smart_query_value_ids": [Command.clear(), *self._value_commands()]}
        if self.mailing_target == "mailing":
            mailing = self.mailing_id
            if not mailing:
                raise UserError(self.env._("Choose the draft mailing to send to the query's records."))
            mailing._check_query_editable()
            # Both in one write: the values of another query are replaced by this query's.
            mailing.write({"smart_query_id": query.id})
            mailing.write({"smart_query_value_ids": values["smart_query_value_ids"]})
        else:
            mailing = self.env["mailing.mailing"].create(
                {
                    "subject": self.mailing_subject or query.name,
                    "mailing_model_id": self.env["ir.model"]._get_id(query.model_name),
                    "smart_query_id": query.id,
                    "smart_query_value_ids": self._value_commands(),
                }
            )
        mailing.mailing_domain = repr(list(mailing._get_default_mailing_domain()))
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _add_to_mailing_list(self):
        query = self.query_id
        if not self.mailing_list_id:
            raise UserError(self.env._("Choose the mailing list the query's records join."))
        records = query._search_matching(self._param_values())
        added = self.mailing_list_id._add_records(records, query._email_field())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.mailing_list_id.name,
                "message": self.env._(
                    "%(added)s of the %(found)s records found joined the mailing list (the others had no "
                    "e-mail address, or were on the list already).",
                    added=added,
                    found=len(records),
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

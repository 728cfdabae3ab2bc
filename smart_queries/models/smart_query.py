from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class SmartQuery(models.Model):
    """A saved selection of records of one model, which the triggers act upon."""

    _name = "smart.query"
    _description = "Saved Query"
    _inherit = ["mail.thread"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    description = fields.Text()
    model_id = fields.Many2one(
        "ir.model",
        string="Model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
        tracking=True,
    )
    model_name = fields.Char(related="model_id.model", string="Model Name", store=True, index=True)
    domain = fields.Char(string="Criteria", default="[]", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Owner", required=True, default=lambda self: self.env.user, index=True
    )
    group_ids = fields.Many2many(
        "res.groups",
        string="Shared with",
        help="Members of these groups may run the query. Without groups, only its owner sees it.",
    )

    def _get_domain(self, param_values=None):
        """The criteria as a domain list, with the run-time values given as ``params``."""
        self.ensure_one()
        try:
            domain = safe_eval(self.domain or "[]", {"params": param_values or {}, "uid": self.env.uid})
        except Exception as error:
            raise ValidationError(
                self.env._(
                    "The criteria of the query %(query)s cannot be read: %(error)s", query=self.name, error=error
                )
            ) from error
        return list(domain)

    def _search_matching(self, param_values=None):
        """The matching records, searched with the rights of the current user."""
        self.ensure_one()
        return self.env[self.model_name].search(self._get_domain(param_values))

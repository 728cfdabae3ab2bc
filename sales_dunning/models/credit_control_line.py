from collections import defaultdict

from odoo import api, fields, models

# Context key: the lines a detection replaces, found at once (see create_or_update_from_mv_lines).
REPLACED_LINES_KEY = "sales_dunning_replaced_lines"
REPLACED_STATES = ["draft", "to_be_sent"]


class CreditControlLine(models.Model):
    _inherit = "credit.control.line"

    # Precomputed: part of the INSERT of the lines a run makes by the thousand, rather than an
    # UPDATE of each of them after it. (The engine's definitions, with precompute added.)
    date_entry = fields.Date(related="move_line_id.date", store=True, precompute=True)
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, precompute=True)
    account_id = fields.Many2one(related="move_line_id.account_id", store=True, precompute=True)
    currency_id = fields.Many2one(related="move_line_id.currency_id", store=True, precompute=True)
    company_id = fields.Many2one(related="move_line_id.company_id", store=True, precompute=True)
    policy_id = fields.Many2one(related="policy_level_id.policy_id", store=True, precompute=True)
    level = fields.Integer(related="policy_level_id.level", store=True, precompute=True)
    partner_user_id = fields.Many2one(compute="_compute_partner_user_id", store=True, precompute=True)

    @api.model
    def create_or_update_from_mv_lines(
        self,
        lines,
        level,
        controlling_date,
        company,
        check_tolerance=True,
        default_lines_vals=None,
    ):
        """The engine looks, for each move line it reminds of, for the lines of the same level
        left in draft or to send (they become ignored): one search per invoice, most of a run's
        queries. They are found here in one search for the whole level, and the engine's own
        method runs on, reading them from that search (see `search`)."""
        replaced = defaultdict(list)
        if lines:
            for line in self.search(
                [
                    ("move_line_id", "in", lines.ids),
                    ("policy_level_id", "=", level.id),
                    ("state", "in", REPLACED_STATES),
                ]
            ):
                replaced[line.move_line_id.id].append(line.id)
        engine = self.with_context(**{REPLACED_LINES_KEY: (level.id, dict(replaced))})
        new_lines = super(CreditControlLine, engine).create_or_update_from_mv_lines(
            lines,
            level,
            controlling_date,
            company,
            check_tolerance=check_tolerance,
            default_lines_vals=default_lines_vals,
        )
        return new_lines.with_env(self.env)

    @api.model
    def search(self, domain, offset=0, limit=None, order=None):
        """The engine's search of the lines one move line replaces, answered from the search
        made for the whole level; any other search goes to the database."""
        replaced = self.env.context.get(REPLACED_LINES_KEY)
        if replaced and not (offset or limit or order):
            level_id, by_move_line = replaced
            move_line_id = self._sales_dunning_replaced_lookup(domain, level_id)
            if move_line_id is not None:
                return self.browse(by_move_line.get(move_line_id, []))
        return super().search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _sales_dunning_replaced_lookup(self, domain, level_id):
        """The move line whose replaced lines `domain` asks for, when it is the engine's search
        of them at `level_id`; else None."""
        terms = list(domain) if isinstance(domain, list | tuple) else []
        if len(terms) != 3 or not all(isinstance(term, list | tuple) and len(term) == 3 for term in terms):
            return None
        by_field = {field: (operator, value) for field, operator, value in terms}
        move_line = by_field.get("move_line_id")
        if (
            by_field.get("policy_level_id") == ("=", level_id)
            and by_field.get("state", ("", None))[0] == "in"
            and list(by_field["state"][1]) == REPLACED_STATES
            and move_line
            and move_line[0] == "="
            and isinstance(move_line[1], int)
        ):
            return move_line[1]
        return None

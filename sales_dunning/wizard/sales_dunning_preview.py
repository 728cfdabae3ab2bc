from odoo import api, fields, models


class SalesDunningPreview(models.TransientModel):
    """Today's reminders: what the nightly run of the company would send, per customer and
    level, read from the engine's own selection without making any credit control line."""

    _name = "sales.dunning.preview"
    _description = "Today's Reminders"
    _rec_name = "date"

    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    line_ids = fields.One2many("sales.dunning.preview.line", "preview_id", string="Reminders")

    @api.model
    def action_open_today(self):
        preview = self.create({})
        preview._compute_lines()
        return preview._action_open_lines()

    def _action_open_lines(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("sales_dunning.sales_dunning_preview_line_action")
        action["domain"] = [("preview_id", "=", self.id)]
        action["context"] = {"search_default_group_by_level": 1}
        return action

    def _due_lines_per_level(self, partners=None):
        """{level: receivable lines it would take}, the engine's selection for this date:
        the policy's lines to process, less those another policy handles, per level."""
        self.ensure_one()
        policy = self.company_id.credit_policy_id
        if not policy or policy.do_nothing:
            return {}
        run = self.env["credit.control.run"].new({"date": self.date, "company_id": self.company_id.id})
        engine = policy.with_context(sales_dunning_partner_ids=partners.ids if partners else None)
        lines = engine._get_move_lines_to_process(run)
        lines -= policy._lines_different_policy(lines)
        return {level: level.get_level_lines(self.date, lines) for level in policy.level_ids}

    def _compute_lines(self):
        Line = self.env["sales.dunning.preview.line"]
        MoveLine = self.env["account.move.line"]
        for preview in self:
            values = []
            for level, move_lines in preview._due_lines_per_level().items():
                if not move_lines:
                    continue
                for partner, count, due, moves in MoveLine._read_group(
                    [("id", "in", move_lines.ids)],
                    ["partner_id"],
                    ["__count", "amount_residual:sum", "move_id:recordset"],
                ):
                    values.append(
                        {
                            "preview_id": preview.id,
                            "partner_id": partner.id,
                            "level_id": level.id,
                            "invoice_count": count,
                            "amount_due": due,
                            "invoice_ids": [(6, 0, moves.ids)],
                        }
                    )
            company = preview.company_id
            if company.sales_dunning_courtesy_days:
                # The template field is for administrators only; its being set is what counts.
                if company.sudo().sales_dunning_courtesy_template_id:
                    for partner, count, due, moves in self.env["account.move"]._read_group(
                        self.env["account.move"]._sales_dunning_courtesy_domain(company, preview.date),
                        ["commercial_partner_id"],
                        ["__count", "amount_residual:sum", "id:recordset"],
                    ):
                        values.append(
                            {
                                "preview_id": preview.id,
                                "partner_id": partner.id,
                                "invoice_count": count,
                                "amount_due": due,
                                "invoice_ids": [(6, 0, moves.ids)],
                            }
                        )
            Line.create(values)

    def action_send_all(self):
        """Run the company's reminders now, as tonight's job would."""
        self.ensure_one()
        self.company_id._sales_dunning_run_reminders(self.date)
        return self.env["ir.actions.act_window"]._for_xml_id(
            "account_credit_control.credit_control_communication_action"
        )

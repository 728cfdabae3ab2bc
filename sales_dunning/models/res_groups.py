from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def _sales_dunning_grant_quote_rights(self):
        """Give the quote rights (costs and margins, discounts) to the users of these groups."""
        rights = self.env.ref("sales_dunning.group_quote_see_margin") | self.env.ref(
            "sales_dunning.group_quote_give_discount"
        )
        rights.write({"user_ids": [(4, user.id) for user in self.all_user_ids]})
        return True

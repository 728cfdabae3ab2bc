from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError


class CrmStatusRoleMixin(models.AbstractModel):
    """Statuses of which a few carry a role the code relies on (lead and prospect statuses): each
    role is held by one status, and a status holding a role cannot be deleted. The models using
    it define the `role` selection."""

    _name = "crm.status.role.mixin"
    _description = "Status with a Role"

    @api.constrains("role")
    def _check_role_held_once(self):
        for status in self.filtered("role"):
            other = self.search([("role", "=", status.role), ("id", "!=", status.id)], limit=1)
            if other:
                raise ValidationError(
                    _(
                        'The role "%(role)s" is already held by the status "%(other)s": remove it '
                        "from that status before giving it to %(status)s.",
                        role=status._role_label(),
                        other=other.name,
                        status=status.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_role_holder(self):
        holder = self.filtered("role")[:1]
        if holder:
            raise UserError(
                _(
                    'The status "%(status)s" holds the role "%(role)s": give that role to another '
                    "status before deleting it.",
                    status=holder.name,
                    role=holder._role_label(),
                )
            )

    def _role_label(self, role=None):
        """The translated label of `role`, or of this status's role."""
        return dict(self._fields["role"]._description_selection(self.env)).get(role or self.role, "")

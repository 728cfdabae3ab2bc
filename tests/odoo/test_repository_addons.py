"""Checks across the addons, run by pytest-odoo on the database bin/test installs."""

from pathlib import Path

from odoo.tests import TransactionCase, tagged

ROOT = Path(__file__).resolve().parents[2]
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


# Outside odoo.addons, Odoo's test classes get no default tags: give them explicitly.
@tagged("post_install", "-at_install")
class TestRepositoryAddons(TransactionCase):
    def test_every_addon_of_the_repository_is_installed(self):
        states = dict(self.env["ir.module.module"].search([("name", "in", ADDONS)]).mapped(lambda m: (m.name, m.state)))
        self.assertEqual(states, dict.fromkeys(ADDONS, "installed"))

    def test_every_menu_of_the_addons_opens_an_existing_action(self):
        menus = self.env["ir.model.data"].search([("module", "in", ADDONS), ("model", "=", "ir.ui.menu")])
        self.assertTrue(menus, "the addons ship no menu")
        for menu in self.env["ir.ui.menu"].browse(menus.mapped("res_id")):
            if menu.action:
                self.assertTrue(menu.action.exists(), f"menu {menu.complete_name} opens a missing action")
                if menu.action._name == "ir.actions.act_window":
                    self.assertIn(menu.action.res_model, self.env, f"menu {menu.complete_name}: unknown model")

    def test_every_model_of_the_addons_has_access_rights(self):
        model_ids = self.env["ir.model.data"].search([("module", "in", ADDONS), ("model", "=", "ir.model")])
        # abstract models (mixins the addons extend) have no table, so no access rights apply
        models = self.env["ir.model"].browse(model_ids.mapped("res_id")).filtered(lambda m: not m.abstract)
        self.assertTrue(models, "the addons declare no model")
        covered = self.env["ir.model.access"].search([("model_id", "in", models.ids)]).model_id
        self.assertEqual(models - covered, self.env["ir.model"], "models without access rights")

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common_extras import CrmLeadsExtrasCase


class TestCrmLeadAssociates(CrmLeadsExtrasCase):
    """Koban's shared accounts: salespeople associated with a lead, an opportunity or a company
    beside the main one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # cls.salesman (own documents only) is the associate; the owner and a stranger alike.
        cls.owner = new_test_user(cls.env, login="as_owner", groups="sales_team.group_sale_salesman", name="Olga Owner")
        cls.stranger = new_test_user(
            cls.env, login="as_stranger", groups="sales_team.group_sale_salesman", name="Stan Stranger"
        )
        cls.shared_lead = cls.Lead.create(
            {
                "name": "Shared lead",
                "type": "lead",
                "partner_name": "Partage SARL",
                "contact_name": "Anne Partage",
                "email_from": "anne@partage.example.com",
                "user_id": cls.owner.id,
                "associate_user_ids": [(6, 0, cls.salesman.ids)],
            }
        )
        cls.shared_opportunity = cls.Lead.create(
            {
                "name": "Shared deal",
                "type": "opportunity",
                "user_id": cls.owner.id,
                "associate_user_ids": [(6, 0, cls.salesman.ids)],
            }
        )
        cls.owner_only = cls.Lead.create({"name": "Owner's own", "type": "lead", "user_id": cls.owner.id})

    def filter_domain(self, view_xmlid, filter_name, user, model="crm.lead"):
        """The domain of a filter of a search view, as the user's screen gets it."""
        view = self.env.ref(view_xmlid)
        arch = etree.fromstring(self.env[model].with_user(user).get_view(view.id, "search")["arch"])
        [node] = arch.xpath(f"//filter[@name='{filter_name}']")
        return safe_eval(node.get("domain"), {"uid": user.id})

    def test_an_associated_salesperson_reads_and_changes_the_lead_and_the_opportunity(self):
        for record in (self.shared_lead, self.shared_opportunity):
            as_associate = record.with_user(self.salesman)
            self.assertEqual(as_associate.read(["name"])[0]["name"], record.name)
            as_associate.write({"expected_revenue": 1200})
            self.assertEqual(record.expected_revenue, 1200)
        found = self.Lead.with_user(self.salesman).search([("id", "in", (self.shared_lead | self.owner_only).ids)])
        self.assertEqual(found, self.shared_lead, "the owner's other leads stay the owner's")

    def test_an_associated_salesperson_cannot_delete_the_lead(self):
        with self.assertRaises(AccessError):
            self.shared_lead.with_user(self.salesman).unlink()

    def test_a_salesperson_not_associated_neither_sees_nor_changes_it(self):
        self.assertFalse(self.Lead.with_user(self.stranger).search([("id", "=", self.shared_lead.id)]))
        with self.assertRaises(AccessError):
            self.shared_lead.with_user(self.stranger).read(["name"])
        with self.assertRaises(AccessError):
            self.shared_lead.with_user(self.stranger).write({"name": "Taken"})

    def test_the_rule_is_widened_for_own_documents_salespeople_only(self):
        rule = self.env.ref("crm_leads.crm_lead_rule_associate_salesman")
        self.assertEqual(rule.groups, self.env.ref("sales_team.group_sale_salesman"))
        self.assertEqual(
            (rule.perm_read, rule.perm_write, rule.perm_create, rule.perm_unlink), (True, True, False, False)
        )
        reader_lead = self.Lead.create(
            {
                "name": "Not for reading",
                "type": "lead",
                "user_id": self.owner.id,
                "associate_user_ids": [(6, 0, self.reader.ids)],
            }
        )
        with self.assertRaises(AccessError):
            reader_lead.with_user(self.reader).write({"name": "Changed"})

    def test_my_leads_my_pipeline_and_my_accounts_include_what_i_am_associated_with(self):
        leads_domain = self.filter_domain("crm.view_crm_case_leads_filter", "assigned_to_me", self.salesman)
        self.assertIn(self.shared_lead, self.Lead.with_user(self.salesman).search(leads_domain))
        pipeline_domain = self.filter_domain("crm.view_crm_case_opportunities_filter", "assigned_to_me", self.salesman)
        self.assertIn(self.shared_opportunity, self.Lead.with_user(self.salesman).search(pipeline_domain))
        self.assertNotIn(self.shared_lead, self.Lead.with_user(self.stranger).search(leads_domain))
        my_leads = self.env.ref("crm_leads.crm_lead_action_my_leads")
        self.assertIn(
            self.shared_lead,
            self.Lead.with_user(self.salesman).search(safe_eval(my_leads.domain, {"uid": self.salesman.id})),
        )
        account = self.Partner.create({"name": "Compte Partagé", "is_company": True, "user_id": self.owner.id})
        account.associate_user_ids = self.salesman
        for user, expected in ((self.salesman, True), (self.stranger, False)):
            domain = self.filter_domain("base.view_res_partner_filter", "my_accounts", user, model="res.partner")
            self.assertEqual(account in self.Partner.with_user(user).search(domain), expected, user.name)

    def test_the_conversion_gives_the_associates_to_the_company_and_the_contact(self):
        self.shared_lead._crm_leads_convert()
        self.assertEqual(self.shared_lead.conversion_company_id.associate_user_ids, self.salesman)
        self.assertEqual(self.shared_lead.conversion_contact_id.associate_user_ids, self.salesman)

    def test_a_company_found_by_the_conversion_gets_the_associates_beside_its_own(self):
        self.prospect.associate_user_ids = self.manager
        lead = self.Lead.create(
            {
                "name": "Found company",
                "type": "lead",
                "partner_name": "BOURGEOIS industrie",
                "contact_name": "Paul Bourgeois",
                "user_id": self.owner.id,
                "associate_user_ids": [(6, 0, self.salesman.ids)],
            }
        )
        lead._crm_leads_convert()
        self.assertEqual(lead.conversion_company_id, self.prospect)
        self.assertEqual(self.prospect.associate_user_ids, self.manager | self.salesman)

    def test_odoo_conversion_to_an_opportunity_carries_them_too(self):
        lead = self.Lead.create(
            {
                "name": "Odoo way",
                "type": "lead",
                "partner_name": "Voie Odoo",
                "associate_user_ids": [(6, 0, self.salesman.ids)],
            }
        )
        lead._handle_partner_assignment(create_missing=True)
        self.assertEqual(lead.partner_id.associate_user_ids, self.salesman)

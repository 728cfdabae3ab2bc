"""The findings of the security review (issue 10), each written as what the user who could have
misused it now meets: the test acts through that user."""

import base64
from datetime import datetime

from lxml import etree

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.mail.tools.discuss import Store

from .common_extras import CrmLeadsExtrasCase

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


class TestCatalogSendingChecksEveryAddress(CrmLeadsExtrasCase):
    """Finding 5: an e-mail field may hold several addresses, and each of them receives the mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.catalog = cls.env["crm.catalog"].create(
            {"name": "Garden 2026", "pdf_file": base64.b64encode(PDF), "pdf_filename": "garden_2026.pdf"}
        )
        cls.anna = cls.Partner.create({"name": "Anna Open", "email": "anna@example.com"})
        cls.duo = cls.Partner.create({"name": "Duo Shared", "email": "ok@x.com, banned@y.com"})
        cls.env["mail.blacklist"]._add("banned@y.com")

    def send_catalog(self, partners):
        wizard = (
            self.env["crm.catalog.send"]
            .with_user(self.salesman)
            .create({"catalog_id": self.catalog.id, "partner_ids": [(6, 0, partners.ids)]})
        )
        return wizard, wizard.action_send()

    def test_a_contact_whose_second_address_is_blacklisted_gets_no_catalog(self):
        _wizard, result = self.send_catalog(self.anna | self.duo)
        mails = self.env["mail.mail"].search([("model", "=", "crm.catalog"), ("res_id", "=", self.catalog.id)])
        self.assertEqual(mails.recipient_ids, self.anna)
        self.assertFalse(mails.mail_message_id.partner_ids & self.duo)
        self.assertFalse(self.env["mail.mail"].search([("recipient_ids", "in", self.duo.ids)]))
        self.assertIn("1 contact(s) who asked for no e-mail were left out", result["params"]["message"])

    def test_the_dialog_counts_it_among_the_contacts_who_asked_for_no_email(self):
        wizard = (
            self.env["crm.catalog.send"]
            .with_user(self.salesman)
            .create({"catalog_id": self.catalog.id, "partner_ids": [(6, 0, (self.anna | self.duo).ids)]})
        )
        self.assertEqual(wizard.blacklisted_count, 1)

    def test_the_search_domain_of_reachable_records_leaves_it_out_too(self):
        partners = self.anna | self.duo
        domain = [("id", "in", partners.ids), *self.Partner._crm_leads_can_email_domain()]
        self.assertEqual(self.Partner.with_user(self.salesman).search(domain), self.anna)
        self.assertEqual(partners.with_user(self.salesman)._crm_leads_can_email(), self.anna)

    def test_its_do_not_email_box_is_ticked_and_a_manager_unticking_it_frees_every_address(self):
        duo = self.duo.with_user(self.manager)
        self.assertTrue(duo.do_not_email)
        self.assertEqual(self.Partner.search([("id", "=", duo.id), ("do_not_email", "=", True)]), self.duo)
        duo.do_not_email = False
        self.assertFalse(self.env["mail.blacklist"].search([("email", "=", "banned@y.com")]))
        self.assertEqual(self.duo._crm_leads_can_email(), self.duo)


class TestReadOnlyLevelLeavesNoTrace(CrmLeadsExtrasCase):
    """Finding 6: the CRM read-only level reads, and writes nothing on what it reads: no message,
    no e-mail, no follow, no attachment, no activity, even on documents it follows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls.Lead.create({"name": "Read me", "type": "lead", "user_id": cls.salesman.id})
        cls.meeting = cls.env["calendar.event"].create(
            {"name": "Review", "start": datetime(2026, 12, 2, 9, 0), "stop": datetime(2026, 12, 2, 10, 0)}
        )
        cls.order = cls.confirm_order_for(cls.prospect)

    def follow_as_a_colleague_would(self, record):
        record._message_subscribe(partner_ids=self.reader.partner_id.ids)

    def assert_reader_cannot_post(self, record):
        self.follow_as_a_colleague_would(record)
        with self.assertRaises(AccessError):
            record.with_user(self.reader).message_post(
                body="Our best offer", message_type="comment", partner_ids=self.prospect_contact.ids
            )
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Our best offer")]))
        self.assertFalse(self.env["mail.mail"].search([("recipient_ids", "in", self.prospect_contact.ids)]))

    def test_reader_cannot_post_on_a_lead_he_follows(self):
        self.assert_reader_cannot_post(self.lead)

    def test_reader_cannot_post_on_a_contact_he_follows(self):
        self.assert_reader_cannot_post(self.prospect)

    def test_reader_cannot_post_on_a_meeting_he_follows(self):
        self.assert_reader_cannot_post(self.meeting)

    def test_reader_cannot_post_on_a_sale_order_he_follows(self):
        self.assert_reader_cannot_post(self.order)

    def test_reader_cannot_answer_a_message_he_was_notified_of(self):
        question = self.lead.with_user(self.salesman).message_post(
            body="Rita, what do you think?", message_type="comment", partner_ids=self.reader.partner_id.ids
        )
        with self.assertRaises(AccessError):
            self.lead.with_user(self.reader).message_post(
                body="Our best offer",
                message_type="comment",
                parent_id=question.id,
                partner_ids=self.prospect_contact.ids,
            )
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Our best offer")]))

    def test_reader_cannot_post_on_a_sale_order_through_its_customer_link(self):
        self.order._portal_ensure_token()
        SaleOrder = self.env["sale.order"].with_user(self.reader)
        self.assertEqual(SaleOrder._get_thread_with_access(self.order.id, mode="read"), self.order)
        for mode in ("write", "create"):
            self.assertFalse(SaleOrder._get_thread_with_access(self.order.id, mode=mode, token=self.order.access_token))

    def test_reader_cannot_follow_a_lead(self):
        with self.assertRaises(AccessError):
            self.lead.with_user(self.reader).message_subscribe(partner_ids=self.reader.partner_id.ids)
        self.assertNotIn(self.reader.partner_id, self.lead.message_partner_ids)

    def test_reader_cannot_change_what_he_receives_of_a_lead_he_follows(self):
        self.follow_as_a_colleague_would(self.lead)
        with self.assertRaises(AccessError):
            self.lead.with_user(self.reader).message_subscribe(
                partner_ids=self.reader.partner_id.ids, subtype_ids=self.env.ref("mail.mt_comment").ids
            )

    def test_reader_can_still_unfollow_a_lead(self):
        self.follow_as_a_colleague_would(self.lead)
        self.lead.with_user(self.reader).message_unsubscribe(partner_ids=self.reader.partner_id.ids)
        self.assertNotIn(self.reader.partner_id, self.lead.message_partner_ids)

    def test_reader_cannot_schedule_an_activity_on_a_lead(self):
        with self.assertRaises(AccessError):
            self.lead.with_user(self.reader).activity_schedule("mail.mail_activity_data_todo", summary="Call back")
        self.assertFalse(self.lead.activity_ids)

    def test_reader_cannot_attach_a_file_to_a_lead(self):
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.reader).create(
                {"name": "notes.txt", "raw": b"notes", "res_model": "crm.lead", "res_id": self.lead.id}
            )
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", "crm.lead"), ("res_id", "=", self.lead.id)])
        )

    def test_reader_cannot_send_a_template_e_mail_about_a_lead(self):
        template = self.env["mail.template"].create(
            {"name": "Hello", "model_id": self.env.ref("crm.model_crm_lead").id, "subject": "Hello", "body_html": "Hi"}
        )
        with self.assertRaises(AccessError):
            template.with_user(self.reader).send_mail(self.lead.id, email_values={"email_to": "who@example.com"})
        self.assertFalse(self.env["mail.mail"].search([("email_to", "=", "who@example.com")]))

    def test_reader_cannot_mass_mail_leads_from_the_composer(self):
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.reader)
            .with_context(default_model="crm.lead", default_res_ids=self.lead.ids)
            .create({"composition_mode": "mass_mail", "subject": "Offer", "body": "Our best offer"})
        )
        with self.assertRaises(AccessError):
            composer._action_send_mail()
        self.assertFalse(self.env["mail.mail"].search([("subject", "=", "Offer")]))

    def test_reader_cannot_notify_someone_about_a_lead(self):
        with self.assertRaises(AccessError):
            self.env["mail.thread"].with_user(self.reader).message_notify(
                model="crm.lead", res_id=self.lead.id, body="Our best offer", partner_ids=self.prospect_contact.ids
            )

    def test_reader_still_talks_in_discuss_channels(self):
        channel = self.env["discuss.channel"].with_user(self.reader)._create_channel(name="Sales", group_id=None)
        message = channel.message_post(body="Hello team", message_type="comment")
        self.assertEqual(message.author_id, self.reader.partner_id)

    def test_a_salesman_still_posts_on_his_leads(self):
        message = self.lead.with_user(self.salesman).message_post(
            body="Our best offer", message_type="comment", partner_ids=self.prospect_contact.ids
        )
        self.assertEqual(message.author_id, self.salesman.partner_id)
        self.assertEqual(message.partner_ids, self.prospect_contact)
        self.assertTrue(self.env["mail.mail"].search([("mail_message_id", "=", message.id)]))

    def chatter_data(self, user):
        """What the chatter of the lead loads about the thread for `user`."""
        result = Store().add(self.lead.with_user(user), [], as_thread=True, request_list=["followers"]).get_result()
        return result["mail.thread"][0]

    def test_the_chatter_offers_the_reader_no_follow_attach_nor_activity(self):
        self.assertIs(self.chatter_data(self.reader)["crmLeadsCanPost"], False)
        self.assertNotIn("crmLeadsCanPost", self.chatter_data(self.salesman), "Odoo's chatter, unchanged")


@tagged("post_install", "-at_install")
class TestReadOnlyLevelChatterUi(HttpCase):
    def test_the_chatter_offers_the_reader_nothing_to_post_follow_attach_or_plan(self):
        new_test_user(self.env, login="lx_ui_reader", groups="base.group_user,crm_leads.group_crm_readonly")
        lead = self.env["crm.lead"].create({"name": "Read me in the browser", "type": "lead"})
        self.start_tour(f"/odoo/crm.lead/{lead.id}", "crm_leads_readonly_chatter", login="lx_ui_reader")


class TestCatalogTemplateIsACatalogOne(CrmLeadsExtrasCase):
    """Finding 13: the catalog dialog renders its template on the catalog only."""

    def test_a_salesman_cannot_send_a_catalog_with_a_sale_order_template(self):
        catalog = self.env["crm.catalog"].create({"name": "Garden 2026", "pdf_file": base64.b64encode(PDF)})
        with self.assertRaisesRegex(ValidationError, "choose a template of catalogs"):
            self.env["crm.catalog.send"].with_user(self.salesman).create(
                {
                    "catalog_id": catalog.id,
                    "partner_ids": [(6, 0, self.prospect_contact.ids)],
                    "template_id": self.env.ref("sale.email_template_edi_sale").id,
                }
            )


class TestReadOnlyLevelOpensSaleOrders(CrmLeadsExtrasCase):
    """Finding 15: the read-only level reads sale orders, so it opens their form."""

    def test_reader_opens_a_sale_order_with_its_lines(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "order_line": [
                    (0, 0, {"display_type": "line_section", "name": "Furniture"}),
                    (0, 0, {"product_id": self.product.id, "product_uom_qty": 3}),
                    (0, 0, {"display_type": "line_note", "name": "Delivered assembled"}),
                ],
            }
        )
        order.action_confirm()
        order._create_invoices()
        form = Form(order.with_user(self.reader))
        self.assertEqual(form.partner_id, self.prospect)
        self.assertEqual(len(form.order_line), 3)
        self.assertEqual(form.invoice_count, 1)
        self.assertEqual(form.tax_totals["base_amount_currency"], 1500.0)

    def test_reader_is_offered_no_button_of_the_order_that_would_fail(self):
        def buttons(user):
            arch = self.env["sale.order"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            tree = etree.fromstring(arch)
            return {
                button.get("name") for button in tree.xpath("//header/button | //button[@name='action_view_invoice']")
            }

        self.assertIn("action_confirm", buttons(self.salesman))
        self.assertIn("action_view_invoice", buttons(self.salesman))
        self.assertFalse(buttons(self.reader))


class TestBulkProspectMarkingIsTracked(CrmLeadsExtrasCase):
    """Finding 16: marking partners as prospects in SQL writes the chatter trace tracking would."""

    def test_linked_untyped_partners_show_type_and_prospect_status_changes_in_their_chatter(self):
        companies = self.Partner.create([{"name": f"Untyped {index}", "is_company": True} for index in range(2)])
        contacts = self.Partner.create(
            [
                {
                    "name": f"Person {index}",
                    "email": f"person{index}@untyped{index}.example.com",
                    "parent_id": company.id,
                }
                for index, company in enumerate(companies)
            ]
        )
        leads = self.Lead.create(
            [
                {
                    "name": f"Lead {index}",
                    "type": "lead",
                    "partner_name": f"Untyped {index}",
                    "contact_name": f"Person {index}",
                    "email_from": f"person{index}@untyped{index}.example.com",
                    "user_id": self.salesman.id,
                }
                for index in range(2)
            ]
        )
        wizard = (
            self.env["crm.lead.convert"]
            .with_user(self.salesman)
            .with_context(active_model="crm.lead", active_ids=leads.ids)
            .create({"company_action": "create", "contact_action": "create"})
        )
        wizard.action_convert()
        new_status = self.env["crm.prospect.status"]._get_status_by_role("new")
        for partner in companies | contacts:
            trackings = partner.message_ids.tracking_value_ids
            self.assertEqual(
                {(value.field_id.name, value.old_value_char, value.new_value_char) for value in trackings},
                {("relationship_type", "", "Prospect"), ("prospect_status_id", "", new_status.name)},
                partner.name,
            )
            message = trackings.mail_message_id
            self.assertEqual(len(message), 1)
            self.assertEqual(message.author_id, self.salesman.partner_id)
            self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
            self.assertEqual(message.message_type, "notification")

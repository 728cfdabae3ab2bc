from .common import CrmLeadsCase


class TestCrmLeadSheet(CrmLeadsCase):
    def render_sheet(self, lead):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html("crm_leads.report_crm_lead_sheet", lead.ids)
        return html.decode()

    def test_the_sheet_is_a_pdf_report_printable_from_leads(self):
        report = self.env.ref("crm_leads.crm_lead_action_report_sheet")
        self.assertEqual((report.model, report.report_type, report.binding_type), ("crm.lead", "qweb-pdf", "report"))
        self.assertEqual(report.binding_model_id.model, "crm.lead")

    def test_the_sheet_shows_the_essentials_of_the_lead(self):
        lead = self.create_lead(
            "Office chairs",
            partner_name="Ateliers Dupont",
            contact_name="Claire Dupont",
            email_from="claire@ateliers-dupont.example.com",
            phone="+33 1 23 45 67 89",
            city="Lyon",
            user_id=self.salesman.id,
        )
        html = self.render_sheet(lead)
        for text in (
            "Office chairs",
            "Ateliers Dupont",
            "Claire Dupont",
            "claire@ateliers-dupont.example.com",
            "+33 1 23 45 67 89",
            "Sally Salesman",
            "New",
        ):
            self.assertIn(text, html)

    def test_the_sheet_shows_the_recent_activity(self):
        lead = self.create_lead("Office chairs")
        self.flush_tracking()
        lead.message_post(body="Called back, wants a quote before Friday", message_type="comment")
        lead.lead_status_id = self.status_marketing
        self.flush_tracking()
        lead.activity_schedule("mail.mail_activity_data_call", summary="Call about the quote", user_id=self.env.uid)
        html = self.render_sheet(lead)
        self.assertIn("Called back, wants a quote before Friday", html)
        self.assertIn("Call about the quote", html)
        self.assertIn("New → Marketing qualification (Lead Status)", html)

    def test_the_sheet_words_changes_as_the_chatter_does(self):
        lead = self.create_lead("Office chairs", user_id=False)
        self.flush_tracking()
        lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        lead.user_id = self.salesman
        self.flush_tracking()
        html = self.render_sheet(lead)
        self.assertIn("Yes → No (Active)", html)
        self.assertIn("None → Sally Salesman (Salesperson)", html)
        self.assertNotIn("True", html)

    def test_the_sheet_shows_the_five_star_rating(self):
        html = self.render_sheet(self.create_lead("Office chairs", priority="4"))
        self.assertIn("★★★★☆", html)
        self.assertIn("Very interesting", html)

    def test_a_salesman_prints_the_sheet_of_their_lead(self):
        lead = self.create_lead("Mine", user_id=self.salesman.id)
        lead.message_post(body="First contact", message_type="comment")
        report = self.env["ir.actions.report"].with_user(self.salesman)
        html, _kind = report._render_qweb_html("crm_leads.report_crm_lead_sheet", lead.ids)
        self.assertIn("First contact", html.decode())

    def test_the_sheet_shows_only_the_changes_the_reader_may_read(self):
        lead = self.create_lead("Mine", user_id=self.salesman.id)
        message = lead.message_post(body="Margin reviewed", message_type="comment")
        # A change of a field since removed: like the chatter, only administrators see it.
        self.env["mail.tracking.value"].create(
            {
                "mail_message_id": message.id,
                "field_info": {"name": "x_margin", "desc": "Hidden margin", "type": "char"},
                "old_value_char": "12%",
                "new_value_char": "18%",
            }
        )
        self.assertIn("12% → 18% (Hidden margin)", self.render_sheet(lead))
        report = self.env["ir.actions.report"].with_user(self.salesman)
        html = report._render_qweb_html("crm_leads.report_crm_lead_sheet", lead.ids)[0].decode()
        self.assertIn("Margin reviewed", html)
        self.assertNotIn("Hidden margin", html)

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_events_tab", {
    steps: () => [
        {
            content: "Open the Events tab of the opportunity",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Events')",
            run: "click",
        },
        {
            content: "A planned meeting is listed with its Done button",
            trigger: ".o_form_view .o_field_widget[name='calendar_event_ids'] .o_data_row:contains('Tour meeting') button[name='action_mark_meeting_done']",
            run: "click",
        },
        {
            content: "The meeting is now done",
            trigger: ".o_form_view .o_field_widget[name='calendar_event_ids'] .o_data_row:contains('Tour meeting') .o_field_widget[name='meeting_state']:contains('Done')",
        },
        {
            content: "Plan a call from the tab",
            trigger: ".o_form_view div[name='event_buttons'] button[name='action_new_call']",
            run: "click",
        },
        {
            content: "The activity dialog opens on a call",
            trigger: ".modal .o_field_widget[name='summary'] input",
            run: "edit Call about the tour",
        },
        {
            content: "Save it",
            trigger: ".modal button#mail_activity_save",
            run: "click",
        },
        {
            content: "The call is listed among the activities",
            trigger: ".o_form_view .o_field_widget[name='activity_ids'] .o_data_row:contains('Call about the tour')",
        },
    ],
});

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_pipeline_automation_call_outcome", {
    steps: () => [
        {
            content: "Mark the call done from the chatter",
            trigger: ".o-mail-Activity:contains('Tour call') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            content: "Done without an outcome is refused",
            trigger: ".o-mail-ActivityMarkAsDone button.o_activity_done",
            run: "click",
        },
        {
            content: "The user is told what is missing",
            trigger: ".o_notification",
        },
        {
            content: "Choose the outcome",
            trigger: ".o-mail-ActivityMarkAsDone select.o_activity_outcome_select",
            run: "selectByIndex 1", // Interested, the first outcome
        },
        {
            content: "Write the report",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Wants a demo next week",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button.o_activity_done",
            run: "click",
        },
        {
            content: "The chatter shows the report (the test checks the outcome)",
            trigger: ".o-mail-Message:contains('Wants a demo next week')",
        },
        {
            content: "The next activity of the outcome is planned in place of the call",
            trigger: ".o-mail-Activity:not(:contains('Tour call'))",
        },
    ],
});

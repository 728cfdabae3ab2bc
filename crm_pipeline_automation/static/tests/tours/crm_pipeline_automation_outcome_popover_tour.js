import { registry } from "@web/core/registry";

/** The mark-done popover, wherever it opens: refused without an outcome, then done with one. */
const markDoneWithOutcome = (report) => [
    {
        content: "Done without an outcome is refused",
        trigger: ".o-mail-ActivityMarkAsDone button.o_activity_done",
        run: "click",
    },
    {
        content: "The user is told what is missing",
        trigger: ".o_notification:contains('Choose the outcome')",
    },
    {
        content: "The call is still to do: choose the outcome",
        trigger: ".o-mail-ActivityMarkAsDone select.o_activity_outcome_select",
        run: "selectByIndex 1", // Interested, the first outcome
    },
    {
        content: "Write the report",
        trigger: ".o-mail-ActivityMarkAsDone textarea",
        run: `edit ${report}`,
    },
    {
        content: "Done",
        trigger: ".o-mail-ActivityMarkAsDone button.o_activity_done",
        run: "click",
    },
];

registry.category("web_tour.tours").add("crm_pipeline_automation_call_outcome_kanban", {
    steps: () => [
        {
            content: "Open the activities of the opportunity from its card",
            trigger: ".o_kanban_record:contains('Tour kanban opportunity') .o-mail-ActivityButton",
            run: "click",
        },
        {
            content: "Mark the call done from the popover",
            trigger: ".o-mail-ActivityListPopoverItem:contains('Tour kanban call') .o-mail-ActivityListPopoverItem-markAsDone",
            run: "click",
        },
        ...markDoneWithOutcome("Call back after the trade fair"),
        {
            content: "The call is done: it left the activities of the opportunity",
            trigger: "body:not(:has(.o-mail-ActivityListPopoverItem:contains('Tour kanban call')))",
        },
    ],
});

registry.category("web_tour.tours").add("crm_pipeline_automation_call_outcome_activity_view", {
    steps: () => [
        {
            content: "Open the call of the opportunity in the activity view",
            trigger:
                ".o_activity_view tr.o_data_row:contains('Tour activity view opportunity') " +
                "td.o_activity_summary_cell:not(.o_activity_empty_cell) > div",
            run: "click",
        },
        {
            content: "Mark the call done from the popover",
            trigger: ".o-mail-ActivityListPopoverItem:contains('Tour activity view call') .o-mail-ActivityListPopoverItem-markAsDone",
            run: "click",
        },
        ...markDoneWithOutcome("Asked for a quote"),
        {
            content: "The call is done: it left the activities of the opportunity",
            trigger: "body:not(:has(.o-mail-ActivityListPopoverItem:contains('Tour activity view call')))",
        },
    ],
});

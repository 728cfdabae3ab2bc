import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_leads_readonly_chatter", {
    steps: () => [
        {
            content: "The chatter offers the read-only user no message, note, activity nor attachment",
            trigger:
                ".o-mail-Chatter-topbar:has(.o-mail-Followers-button):not(:has(.o-mail-Chatter-sendMessage))" +
                ":not(:has(.o-mail-Chatter-logNote)):not(:has(.o-mail-Chatter-activity))" +
                ":not(:has(.o-mail-Chatter-attachFiles))",
        },
        {
            content: "Open the followers",
            trigger: ".o-mail-Followers-button",
            run: "click",
        },
        {
            content: "Nor follow the lead",
            trigger: ".o-mail-Followers-dropdown:contains('No Followers'):not(:has(.o-mail-FollowerList-followBtn))",
        },
    ],
});

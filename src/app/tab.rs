//! The tabs, their order in the tab bar and which follow one agreement.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Agenda,
    Agreements,
    CallOffs,
    Deviations,
    Competitions,
    Purchases,
    Meetings,
    Actions,
    Checklist,
    FollowUp,
    /// Penalties, damages and termination: the Deviations tab's companion.
    Sanctions,
    /// Invoices, the maximum value, compliance and the price audit: the Outside
    /// purchases tab's companion.
    Spend,
    Statistics,
}

impl Tab {
    /// The tab bar, in digit order. A companion tab (see [`Tab::slot`]) shares its
    /// place with the tab it belongs to and is reached from it with ←/→.
    pub const ALL: [Tab; 10] = [
        Tab::Agenda,
        Tab::Agreements,
        Tab::CallOffs,
        Tab::Deviations,
        Tab::Competitions,
        Tab::Purchases,
        Tab::Meetings,
        Tab::Actions,
        Tab::Checklist,
        Tab::Statistics,
    ];

    /// The place in the tab bar: the follow-up plan sits with the implementation
    /// checklist (both are the agreement's plans for its first years).
    pub fn slot(self) -> Tab {
        match self {
            Tab::FollowUp => Tab::Checklist,
            // Sanctions follow from deviations: they share tab 4.
            Tab::Sanctions => Tab::Deviations,
            // The money follows from what is bought outside the agreement: tab 6.
            Tab::Spend => Tab::Purchases,
            other => other,
        }
    }

    /// The other tab sharing this one's place, if any.
    pub fn companion(self) -> Option<Tab> {
        match self {
            Tab::Checklist => Some(Tab::FollowUp),
            Tab::FollowUp => Some(Tab::Checklist),
            Tab::Deviations => Some(Tab::Sanctions),
            Tab::Sanctions => Some(Tab::Deviations),
            Tab::Purchases => Some(Tab::Spend),
            Tab::Spend => Some(Tab::Purchases),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Agenda => "ui.tab.agenda",
            Tab::Agreements => "ui.tab.agreements",
            Tab::CallOffs => "ui.tab.calloffs",
            Tab::Deviations => "ui.tab.deviations",
            Tab::Competitions => "ui.tab.competitions",
            Tab::Purchases => "ui.tab.purchases",
            Tab::Meetings => "ui.tab.meetings",
            Tab::Actions => "ui.tab.actions",
            Tab::Checklist => "ui.tab.checklist",
            Tab::FollowUp => "ui.tab.followup",
            Tab::Sanctions => "ui.tab.sanctions",
            Tab::Spend => "ui.tab.spend",
            Tab::Statistics => "ui.tab.statistics",
        }
    }

    /// Tabs that show one agreement at a time: the one the user follows.
    pub fn follows_agreement(self) -> bool {
        matches!(
            self,
            Tab::CallOffs
                | Tab::Deviations
                | Tab::Competitions
                | Tab::Purchases
                | Tab::Meetings
                | Tab::Actions
                | Tab::Checklist
                | Tab::FollowUp
                | Tab::Sanctions
                | Tab::Spend
                | Tab::Statistics
        )
    }
}

//! The Agreement tab's keys: the register list with its filter and sort, and the detail
//! view of one agreement with its sections, rankings and items.

use crate::app::agreements::AgreementConfirm;
use crate::app::agreements::AgreementPick;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::{Agreement, OrgNumber};
use crate::i18n::Catalog;
use crate::store::Dependents;
use crate::tr;

use crate::app::agreements::{Detail, Row, Section, rows, step};
use crate::app::form::{self, FormTarget};
use crate::app::keymap::{self, Act};
use crate::app::{App, Confirm, Pick, Picker, Popup};

impl App {
    pub(in crate::app) fn list_act(&mut self, act: Act) {
        let len = self.register.visible.len();
        if let Some(s) = self.moved(self.register.selected, len, act) {
            self.register.selected = s;
            return;
        }
        let selected = self.selected_agreement().map(|a| a.id);
        match act {
            Act::Open => {
                if let Some(id) = selected {
                    // Opening an agreement makes it the one the call-off tabs follow.
                    self.follow(id);
                    self.register.detail = Some(Detail {
                        id,
                        section: Section::Overview,
                        selected: 0,
                    });
                }
            }
            Act::New => self.open_form(FormTarget::Agreement(None), None),
            Act::Edit => {
                if let Some(id) = selected {
                    self.open_form(FormTarget::Agreement(Some(id)), Some(id));
                }
            }
            Act::Delete => {
                if let Some(a) = self.selected_agreement().cloned() {
                    // An agreement with call-offs, meetings or claims behind it is not
                    // deleted with its history: it ends (its end date) instead.
                    let behind = match self.store.agreement_dependents(a.id) {
                        Ok(d) => d,
                        Err(e) => return self.store_failed(&e),
                    };
                    if !behind.is_empty() {
                        // Said in a box that wraps: it names what the agreement holds
                        // and what to do instead, more than a status line takes.
                        let what = describe_dependents(self.cat, &behind);
                        self.popup = Some(Popup::Info {
                            title: self.cat.t("ui.confirm.cannot_delete").to_string(),
                            lines: vec![tr!(
                                self.cat,
                                "ui.confirm.delete_agreement_refused",
                                reference = a.reference,
                                what = what
                            )],
                        });
                        return;
                    }
                    let message = tr!(
                        self.cat,
                        "ui.confirm.delete_agreement",
                        reference = a.reference,
                        name = a.name
                    );
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::Agreement(AgreementConfirm::Delete(a.id)),
                    });
                }
            }
            Act::Filter => self.register.filtering = true,
            Act::Sort => {
                self.register.sort = self.register.sort.next();
                self.register.refresh(&self.agreements, selected);
                let label = self.cat.t(self.register.sort.label()).to_string();
                self.info(tr!(self.cat, "ui.register.sorted_by", key = label));
            }
            _ => {}
        }
    }

    /// A key while typing the register's filter: the command keys are the keymap's
    /// `FILTER`, the rest is the filter's text.
    pub(in crate::app) fn filter_key(&mut self, key: KeyEvent) {
        let keep = self.selected_agreement().map(|a| a.id);
        match keymap::lookup(keymap::FILTER, &key) {
            Some(Act::Open) => self.register.filtering = false,
            Some(Act::Back) => {
                self.register.filtering = false;
                self.register.filter.clear();
            }
            Some(Act::Down) => {
                self.register.selected =
                    step(self.register.selected, self.register.visible.len(), 1);
                return;
            }
            Some(Act::Up) => {
                self.register.selected =
                    step(self.register.selected, self.register.visible.len(), -1);
                return;
            }
            _ => match key.code {
                KeyCode::Backspace => {
                    self.register.filter.pop();
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.register.filter.push(c)
                }
                _ => return,
            },
        }
        self.register.refresh(&self.agreements, keep);
    }

    pub(in crate::app) fn detail_act(&mut self, act: Act, d: Detail) {
        let Some(a) = self.agreement(d.id).cloned() else {
            self.register.detail = None;
            return;
        };
        let list = rows(&a, d.section);
        if let Some(s) = self.moved(d.selected, list.len(), act) {
            self.set_detail_selected(s);
            return;
        }
        let row = list.get(d.selected).copied();
        match act {
            Act::Back => self.register.detail = None,
            Act::NextSection | Act::PrevSection => {
                if let Some(det) = &mut self.register.detail {
                    det.section = if act == Act::NextSection {
                        det.section.next()
                    } else {
                        det.section.prev()
                    };
                    det.selected = 0;
                }
            }
            Act::Edit => match (d.section, row) {
                (Section::Overview, _) => {
                    self.open_form(FormTarget::Agreement(Some(a.id)), Some(a.id))
                }
                (_, Some(row)) => {
                    let target = match row {
                        Row::Lot(i) | Row::Ranked { lot: i, .. } => FormTarget::Lot(Some(i)),
                        Row::Supplier(i) => FormTarget::Supplier(Some(i)),
                        Row::Contact { supplier, index } => FormTarget::Contact {
                            supplier,
                            index: Some(index),
                        },
                        Row::Penalty(i) => FormTarget::Penalty(Some(i)),
                        Row::Escalation(i) => FormTarget::Escalation(Some(i)),
                        Row::Option(i) => FormTarget::ExtensionOption(Some(i)),
                        Row::Template(i) => FormTarget::Template(Some(i)),
                        Row::Orderer(i) => FormTarget::Orderer(Some(i)),
                        Row::Member(i) => FormTarget::ProjectMember(Some(i)),
                    };
                    self.open_form(target, Some(a.id));
                }
                _ => {}
            },
            Act::New => {
                let target = match d.section {
                    // On the overview, "new" is a new agreement, as in the list.
                    Section::Overview => {
                        self.open_form(FormTarget::Agreement(None), None);
                        return;
                    }
                    Section::Lots => FormTarget::Lot(None),
                    Section::Suppliers => FormTarget::Supplier(None),
                    Section::Penalties => FormTarget::Penalty(None),
                    Section::Escalation => FormTarget::Escalation(None),
                    Section::Options => FormTarget::ExtensionOption(None),
                    Section::Templates => FormTarget::Template(None),
                    Section::Orderers => FormTarget::Orderer(None),
                    Section::ProjectGroup => FormTarget::ProjectMember(None),
                };
                self.open_form(target, Some(a.id));
            }
            Act::NewContact => {
                let supplier = match row {
                    Some(Row::Supplier(i)) | Some(Row::Contact { supplier: i, .. }) => i,
                    _ => {
                        self.error(self.cat.t("ui.detail.pick_supplier_first").to_string());
                        return;
                    }
                };
                self.open_form(
                    FormTarget::Contact {
                        supplier,
                        index: None,
                    },
                    Some(a.id),
                );
            }
            Act::AddRanked => {
                let lot = match row {
                    Some(Row::Lot(i)) | Some(Row::Ranked { lot: i, .. }) => i,
                    _ => {
                        self.error(self.cat.t("ui.detail.pick_lot_first").to_string());
                        return;
                    }
                };
                let free: Vec<&crate::domain::Supplier> = a
                    .suppliers
                    .iter()
                    .filter(|s| !a.lots[lot].ranking.contains(&s.org_number))
                    .collect();
                if free.is_empty() {
                    let key = if a.suppliers.is_empty() {
                        "ui.detail.no_suppliers"
                    } else {
                        "ui.detail.all_ranked"
                    };
                    self.error(self.cat.t(key).to_string());
                    return;
                }
                let title = tr!(self.cat, "ui.picker.add_ranked", lot = a.lots[lot].name);
                self.popup = Some(Popup::Picker(Picker::new(
                    title,
                    free.iter()
                        .map(|s| format!("{}  {}", s.name, s.org_number))
                        .collect(),
                    0,
                    Pick::Agreement(AgreementPick::AddRanked {
                        lot,
                        suppliers: free.iter().map(|s| s.org_number.clone()).collect(),
                    }),
                )));
            }
            Act::MoveUp | Act::MoveDown => {
                let Some(Row::Ranked { lot, rank }) = row else {
                    self.error(self.cat.t("ui.detail.pick_ranked_first").to_string());
                    return;
                };
                let mut changed = a.clone();
                let moved = if act == Act::MoveUp {
                    changed.lots[lot].move_up(rank)
                } else {
                    changed.lots[lot].move_down(rank)
                };
                if moved && self.save(&a, changed) {
                    let new_rank = if act == Act::MoveUp {
                        rank - 1
                    } else {
                        rank + 1
                    };
                    let pos = rows(self.agreement(d.id).unwrap_or(&a), Section::Lots)
                        .iter()
                        .position(|r| {
                            *r == Row::Ranked {
                                lot,
                                rank: new_rank,
                            }
                        })
                        .unwrap_or(d.selected);
                    self.set_detail_selected(pos);
                }
            }
            Act::Delete => {
                if let Some(row) = row {
                    let message = self.describe_delete(&a, row);
                    self.popup = Some(Popup::Confirm {
                        message,
                        action: Confirm::Agreement(AgreementConfirm::DeleteRow(a.id, row)),
                    });
                }
            }
            _ => {}
        }
    }

    pub(in crate::app) fn set_detail_selected(&mut self, s: usize) {
        if let Some(det) = &mut self.register.detail {
            det.selected = s;
        }
    }

    fn describe_delete(&self, a: &Agreement, row: Row) -> String {
        let c = self.cat;
        match row {
            Row::Lot(i) => {
                let lot = &a.lots[i].name;
                match self.store.lot_dependents(a.id, lot) {
                    Ok(d) if !d.is_empty() => tr!(
                        c,
                        "ui.confirm.delete_lot_with",
                        lot = lot,
                        what = describe_dependents(c, &d)
                    ),
                    _ => tr!(c, "ui.confirm.delete_lot", lot = lot),
                }
            }
            Row::Ranked { lot, rank } => tr!(
                c,
                "ui.confirm.delete_ranked",
                supplier = a.supplier_name(&a.lots[lot].ranking[rank]),
                lot = a.lots[lot].name
            ),
            Row::Supplier(i) => {
                let org = &a.suppliers[i].org_number;
                let in_lots = a.lots.iter().filter(|l| l.ranking.contains(org)).count();
                let in_lots = c.plural("common.count.lots", in_lots as u64);
                match self.store.supplier_dependents(a.id, org) {
                    Ok(d) if !d.is_empty() => tr!(
                        c,
                        "ui.confirm.delete_supplier_ended",
                        supplier = a.suppliers[i].name,
                        what = describe_dependents(c, &d),
                        date = form::format_date(self.today),
                        lots = in_lots
                    ),
                    _ => tr!(
                        c,
                        "ui.confirm.delete_supplier",
                        supplier = a.suppliers[i].name,
                        lots = in_lots
                    ),
                }
            }
            Row::Contact { supplier, index } => {
                tr!(
                    c,
                    "ui.confirm.delete_item",
                    item = a.suppliers[supplier].contacts[index].name
                )
            }
            Row::Penalty(_) => c.t("ui.confirm.delete_penalty").to_string(),
            Row::Escalation(i) => tr!(c, "ui.confirm.delete_item", item = a.escalation[i].title),
            Row::Option(i) => tr!(
                c,
                "ui.confirm.delete_option",
                date = form::format_date(a.extension_options[i].extends_to)
            ),
            Row::Template(i) => tr!(
                c,
                "ui.confirm.delete_item",
                item = a.order_templates[i].name
            ),
            Row::Orderer(i) => tr!(c, "ui.confirm.delete_item", item = a.orderers[i].name),
            Row::Member(i) => tr!(c, "ui.confirm.delete_item", item = a.project_group[i].name),
        }
    }

    pub(in crate::app) fn add_ranked(&mut self, lot: usize, org: &OrgNumber) {
        let Some(a) = self.detail_agreement().cloned() else {
            return;
        };
        let mut changed = a.clone();
        if let Some(l) = changed.lots.get_mut(lot) {
            l.ranking.push(org.clone());
        }
        if self.save(&a, changed)
            && let Some(updated) = self.detail_agreement()
        {
            let rank = updated.lots[lot].ranking.len() - 1;
            let pos = rows(updated, Section::Lots)
                .iter()
                .position(|r| *r == Row::Ranked { lot, rank });
            if let Some(pos) = pos {
                self.set_detail_selected(pos);
            }
        }
    }
}

pub(in crate::app) fn remove_row(a: &mut Agreement, row: Row) {
    match row {
        Row::Lot(i) => {
            a.lots.remove(i);
        }
        Row::Ranked { lot, rank } => {
            a.lots[lot].ranking.remove(rank);
        }
        Row::Supplier(i) => {
            let org = a.suppliers.remove(i).org_number;
            for lot in &mut a.lots {
                lot.ranking.retain(|o| *o != org);
            }
        }
        Row::Contact { supplier, index } => {
            a.suppliers[supplier].contacts.remove(index);
        }
        Row::Penalty(i) => {
            a.penalties.remove(i);
        }
        Row::Escalation(i) => {
            a.escalation.remove(i);
        }
        Row::Option(i) => {
            a.extension_options.remove(i);
        }
        Row::Template(i) => {
            a.order_templates.remove(i);
        }
        Row::Orderer(i) => {
            a.orderers.remove(i);
        }
        Row::Member(i) => {
            a.project_group.remove(i);
        }
    }
}

/// What lies behind a record, as a sentence names it: "400 avrop, 11 möten och 61
/// vitesanspråk" (only what there is).
pub(in crate::app) fn describe_dependents(cat: &Catalog, d: &Dependents) -> String {
    let parts: Vec<String> = [
        ("common.count.calloffs", d.calloffs),
        ("common.count.requests", d.requests),
        ("common.count.meetings", d.meetings),
        ("common.count.penalty_claims", d.penalty_claims),
        ("common.count.competitions", d.competitions),
        ("common.count.deviations", d.deviations),
        ("common.count.purchases", d.purchases),
        ("common.count.sanction_cases", d.sanction_cases),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| cat.plural(key, n))
    .collect();
    cat.list(&parts)
}

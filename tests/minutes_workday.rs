//! The meeting secretary's day without sharp edges (issue 13), driven by keys at 80×24:
//! a long paragraph wraps while typed, captured lines are marked in the text, the meeting
//! view scrolls to the end of long minutes, approved minutes are protected (questions,
//! dated addenda) and a second export never lands on the first.
//!
//! A test binary of its own, not a module of `tests/ui/`: the minutes are exported into the
//! working directory, so that test changes the process's working directory (and leaves it
//! in a folder removed when the test ends), which would move it under every test sharing
//! the process.

mod common;

use avtal::app::{App, Tab};
use avtal::domain::meeting::{
    AgendaPoint, Attendee, Meeting, MeetingId, MeetingKind, MeetingStatus, Side,
};
use avtal::i18n::Lang;
use common::*;
use ratatui::crossterm::event::KeyCode;
use time::macros::date;

/// The fixture register with a held meeting (with `minutes`) and a planned one after
/// today, on the Meetings tab; the ids of both.
fn meetings(lang: Lang, minutes: &str) -> (tempfile::TempDir, App, MeetingId, MeetingId) {
    meetings_with(lang, |m| m.minutes = minutes.to_string())
}

/// As [`meetings`], the held meeting as `edit` leaves it.
fn meetings_with(
    lang: Lang,
    edit: impl FnOnce(&mut Meeting),
) -> (tempfile::TempDir, App, MeetingId, MeetingId) {
    let (dir, app) = app_with_calloffs(lang);
    let id = app.store.followed().unwrap().unwrap();
    let mut held = Meeting::new(id, MeetingKind::SupplierStart, date!(2026 - 11 - 10));
    held.supplier = Some(org("556074-3089"));
    held.status = MeetingStatus::Held;
    edit(&mut held);
    let mut next = Meeting::new(id, MeetingKind::Collaboration, date!(2026 - 12 - 08));
    next.supplier = Some(org("556074-3089"));
    let held = app.store.insert_meeting(&held).unwrap().id;
    let next = app.store.insert_meeting(&next).unwrap().id;
    drop(app);
    let store = avtal::store::Store::open(&dir.path().join("avtal.redb")).unwrap();
    let mut app = App::new(store, lang, NOW);
    press(&mut app, KeyCode::Char('7'));
    assert_eq!(app.tab, Tab::Meetings);
    (dir, app, held, next)
}

/// Opens meeting `id` in the list (Enter), from the list.
fn open(app: &mut App, id: MeetingId) {
    let pos = app.meetings.rows.iter().position(|m| m.id == id).unwrap();
    app.meetings.selected = pos;
    press(app, KeyCode::Enter);
    assert_eq!(app.meetings.open, Some(id));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn stored(app: &App, id: MeetingId) -> Meeting {
    app.store.meeting(id).unwrap().unwrap()
}

/// The screen's rows, each trimmed.
fn rows(app: &App) -> Vec<String> {
    screen(app, 80, 24)
        .lines()
        .map(|l| l.trim_matches('"').trim_end().to_string())
        .collect()
}

/// The screen's text with rows joined by spaces: words broken over rows read whole.
fn flowing(app: &App) -> String {
    rows(app)
        .iter()
        .map(|r| r.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_400_character_paragraph_typed_as_one_line_is_visible_while_typing_at_80x24() {
    let (_d, mut app, held, _) = meetings(Lang::Sv, "");
    open(&mut app, held);
    keys(&mut app, "m");
    assert!(app.minutes.is_some());
    let words = [
        "Leverantören",
        "redovisade",
        "svarstiderna",
        "för",
        "oktober",
        "och",
        "november",
        "där",
        "nittiofyra",
        "procent",
        "av",
        "förfrågningarna",
        "besvarades",
        "inom",
        "två",
        "arbetsdagar",
        "vilket",
        "är",
        "under",
        "målet",
        "i",
        "avtalet",
        "och",
        "förseningarna",
        "gällde",
        "nästan",
        "alltid",
        "förfrågningar",
        "som",
        "skickades",
        "på",
        "fredagar",
        "efter",
        "lunch",
        "så",
        "kommunen",
        "ser",
        "över",
        "sin",
        "egen",
        "rutin",
        "medan",
        "leverantören",
        "tar",
        "fram",
        "en",
        "plan",
        "med",
        "veckovis",
        "uppföljning",
        "till",
        "nästa",
        "samverkansmöte",
        "i",
        "december",
        "slutord",
    ];
    let paragraph = words.join(" ");
    assert!(paragraph.chars().count() >= 400, "{}", paragraph.len());
    type_text(&mut app, &paragraph);
    let text = flowing(&app);
    for w in words {
        assert!(
            text.contains(w),
            "{w:?} is not on the screen:\n{}",
            rows(&app).join("\n")
        );
    }
    // Word by word, not cut at the edge: no row is wider than the screen and the first
    // and the last word are both there while the cursor is at the end.
    assert!(text.contains("Leverantören redovisade"), "{text}");
    assert!(text.contains("december slutord"), "{text}");
    // One line in the text, as typed.
    assert_eq!(app.minutes.as_ref().unwrap().area.lines().len(), 1);
}

#[test]
fn lines_made_action_decision_or_lesson_are_marked_in_the_text_at_80_columns() {
    let (_d, mut app, held, _) = meetings(Lang::Sv, "");
    open(&mut app, held);
    keys(&mut app, "m");
    type_text(&mut app, "Alla närvarande.");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Alfa skickar en plan för svarstider");
    ctrl(&mut app, 't');
    keys(&mut app, "Anna Alfa");
    ctrl(&mut app, 's');
    assert!(app.form.is_none());
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "- Rapporten skickas kvartalsvis");
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Fredagsförfrågningar behöver en egen rutin");
    ctrl(&mut app, 'l');
    let screen = rows(&app);
    let row = |needle: &str| {
        screen
            .iter()
            .find(|r| r.contains(needle))
            .cloned()
            .unwrap_or_else(|| panic!("{needle:?} not shown:\n{}", screen.join("\n")))
    };
    assert!(row("Alla närvarande").starts_with("  Alla"), "{screen:?}");
    assert!(row("Alfa skickar").starts_with("Å Alfa"), "{screen:?}");
    assert!(
        row("Rapporten skickas").starts_with("B - Rapporten"),
        "{screen:?}"
    );
    assert!(
        row("Fredagsförfrågningar").starts_with("L Fredags"),
        "{screen:?}"
    );
    assert!(
        screen
            .iter()
            .any(|r| r.contains("Å åtgärd · B beslut · L lärdom")),
        "the marks are explained: {screen:?}"
    );
    // The side panel is not what shows them: it starts at 110 columns.
    assert!(!screen.iter().any(|r| r.contains("Lärdomar")));
    // Marks and legend at any size, without a panic.
    for (w, h) in [(1, 1), (4, 2), (20, 5), (30, 8), (400, 120)] {
        draw(&app, w, h);
    }
    // Marks come from what is stored: closed and opened again, they are still there.
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "m");
    let again = rows(&app);
    assert!(again.iter().any(|r| r.starts_with("Å Alfa")), "{again:?}");
    assert!(
        again.iter().any(|r| r.starts_with("L Fredags")),
        "{again:?}"
    );
}

#[test]
fn a_wrapped_marked_line_is_marked_once_beside_its_first_row() {
    let long = "Leverantören åtar sig att ta fram en skriftlig plan för hur svarstiderna \
        ska nå målet i avtalet före nästa samverkansmöte i december";
    let (_d, mut app, held, _) = meetings(Lang::En, "");
    open(&mut app, held);
    keys(&mut app, "m");
    type_text(&mut app, long);
    press(&mut app, KeyCode::F(3));
    let screen = rows(&app);
    let first = screen
        .iter()
        .position(|r| r.contains("Leverantören åtar"))
        .unwrap();
    assert!(screen[first].starts_with("D Leverantören"), "{screen:?}");
    assert!(screen[first + 1].starts_with("  "), "{screen:?}");
    assert!(flowing(&app).contains("i december"), "{screen:?}");
}

#[test]
fn long_minutes_are_read_to_their_end_in_the_meeting_view_at_80x24() {
    let minutes: Vec<String> = (1..=60)
        .map(|i| format!("Punkt {i}: det här sades under mötet om avtalet."))
        .chain(["Sista raden i protokollet.".to_string()])
        .collect();
    let (_d, mut app, held, _) = meetings(Lang::Sv, &minutes.join("\n"));
    open(&mut app, held);
    let first = flowing(&app);
    assert!(!first.contains("Sista raden"), "{first}");
    assert!(first.contains("PgDn visar mer"), "{first}");
    for _ in 0..20 {
        press(&mut app, KeyCode::PageDown);
    }
    let end = flowing(&app);
    assert!(end.contains("Sista raden i protokollet."), "{end}");
    assert!(end.contains("slutet"), "{end}");
    // Every line was on some page on the way: paging does not skip rows.
    press(&mut app, KeyCode::Home);
    for _ in 0..20 {
        press(&mut app, KeyCode::PageUp);
    }
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&flowing(&app));
        press(&mut app, KeyCode::PageDown);
    }
    for line in &minutes {
        assert!(seen.contains(line.as_str()), "{line} never shown");
    }
    // j/k still move in the actions, PgUp goes back to the top.
    for _ in 0..20 {
        press(&mut app, KeyCode::PageUp);
    }
    assert!(flowing(&app).contains("Dagordning"));
}

#[test]
fn a_meeting_ahead_of_today_is_not_marked_held() {
    let (_d, mut app, _, next) = meetings(Lang::Sv, "");
    open(&mut app, next);
    keys(&mut app, "s");
    assert_eq!(stored(&app, next).status, MeetingStatus::Planned);
    let status = app.status.clone().unwrap();
    assert!(status.error);
    assert!(
        status.text.contains("2026-12-08") && status.text.contains("kan inte vara genomfört"),
        "{}",
        status.text
    );
    // Nor through the form.
    keys(&mut app, "E");
    let form = app.form.as_mut().unwrap();
    let i = form
        .fields
        .iter()
        .position(|f| f.label == "ui.field.meeting_status")
        .unwrap();
    form.fields[i].choice = 1;
    ctrl(&mut app, 's');
    let form = app.form.as_ref().expect("the form stays open, as typed");
    assert!(
        form.message
            .as_deref()
            .is_some_and(|m| m.contains("kan inte vara genomfört")),
        "{:?}",
        form.message
    );
    assert_eq!(stored(&app, next).status, MeetingStatus::Planned);
}

#[test]
fn approved_minutes_go_back_only_on_an_explicit_choice() {
    let (_d, mut app, held, _) = meetings_with(Lang::Sv, |m| {
        m.minutes = "Justerad text.".into();
        m.time = Some(time::macros::time!(13:30));
    });
    open(&mut app, held);
    keys(&mut app, "s");
    assert_eq!(stored(&app, held).status, MeetingStatus::MinutesApproved);
    // At 80 columns the state is read whole in the title; the supplier, which would
    // push it out, has the first line.
    let screen = rows(&app);
    assert!(screen[1].contains("· Protokoll justerat─"), "{screen:?}");
    assert!(
        screen[2].starts_with("Möte med: Alfa Konsult AB"),
        "{screen:?}"
    );
    // The question, in words, with the choices.
    keys(&mut app, "s");
    let text = flowing(&app);
    assert!(text.contains("är justerat. Ändra läget?"), "{text}");
    assert!(
        text.contains("Nej, behåll läget Protokoll justerat"),
        "{text}"
    );
    assert!(text.contains("Ja, tillbaka till läget Genomfört"), "{text}");
    // Keys that are no answer leave the question open and the state as it was.
    for c in ['s', 'n', ' ', 'x'] {
        press(&mut app, KeyCode::Char(c));
        assert!(app.popup.is_some(), "{c:?} answered the question");
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
    assert_eq!(stored(&app, held).status, MeetingStatus::MinutesApproved);
    // Enter on the first choice keeps it.
    keys(&mut app, "s");
    press(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app, held).status, MeetingStatus::MinutesApproved);
    // Enter on "back to held" takes it back, and says so.
    keys(&mut app, "s");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app, held).status, MeetingStatus::Held);
    assert_eq!(stored(&app, held).minutes, "Justerad text.");
    // The form does not go round the question either.
    keys(&mut app, "s");
    keys(&mut app, "E");
    let form = app.form.as_mut().unwrap();
    let i = form
        .fields
        .iter()
        .position(|f| f.label == "ui.field.meeting_status")
        .unwrap();
    form.fields[i].choice = 0;
    ctrl(&mut app, 's');
    assert!(app.form.is_some());
    assert_eq!(stored(&app, held).status, MeetingStatus::MinutesApproved);
}

#[test]
fn editing_approved_minutes_asks_and_writes_a_dated_addendum() {
    let (_d, mut app, held, _) = meetings(Lang::Sv, "Justerad text.\n\nAndra stycket.");
    open(&mut app, held);
    keys(&mut app, "s");
    assert!(stored(&app, held).is_approved());
    // m asks; Enter on "cancel" opens nothing.
    keys(&mut app, "m");
    let text = flowing(&app);
    assert!(text.contains("Protokollet för"), "{text}");
    assert!(
        text.contains("Skriv ett tillägg efter justering, daterat 2026-11-25"),
        "{text}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.minutes.is_none());
    // The second choice: an editor on the addendum, not on the approved text.
    keys(&mut app, "m");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let ed = app.minutes.as_ref().expect("the addendum editor");
    assert_eq!(ed.text(), "");
    assert!(flowing(&app).contains("Tillägg efter justering 2026-11-25"));
    type_text(&mut app, "Leverantören har rättat siffran till 93 %.");
    press(&mut app, KeyCode::Esc);
    let m = stored(&app, held);
    assert_eq!(
        m.minutes, "Justerad text.\n\nAndra stycket.",
        "approved text unchanged"
    );
    assert_eq!(m.addenda.len(), 1);
    assert_eq!(m.addenda[0].date, TODAY);
    assert_eq!(
        m.addenda[0].text,
        "Leverantören har rättat siffran till 93 %."
    );
    // Shown in the meeting view under its date, after the minutes.
    for _ in 0..5 {
        press(&mut app, KeyCode::PageDown);
    }
    let view = flowing(&app);
    assert!(
        view.contains("Tillägg efter justering 2026-11-25 Leverantören har rättat"),
        "{view}"
    );
    // Opened again the same day, the same addendum continues; Ctrl-C keeps every word.
    keys(&mut app, "m");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, " Bekräftat.");
    ctrl(&mut app, 'c');
    assert!(app.quit);
    app.shutdown();
    let m = stored(&app, held);
    assert_eq!(m.addenda.len(), 1);
    assert!(
        m.addenda[0].text.ends_with("93 %. Bekräftat."),
        "{:?}",
        m.addenda
    );
    assert_eq!(m.minutes, "Justerad text.\n\nAndra stycket.");
    // Exported as an addendum, after the approved text.
    let md = avtal::app::export::minutes_markdown_for(&app.store, app.cat, held).unwrap();
    let minutes_at = md.find("Justerad text.").unwrap();
    let addendum_at = md
        .find("### Tillägg efter justering 2026-11-25\n\nLeverantören har rättat")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(minutes_at < addendum_at);
    // A decision or lesson has no place in an addendum: refused in words.
    let mut app = app;
    app.quit = false;
    keys(&mut app, "m");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'g');
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("tillägg"),
        "{}",
        status.text
    );
    assert_eq!(stored(&app, held).decisions, Vec::<String>::new());
}

#[test]
fn ctrl_c_and_esc_in_the_editor_keep_every_word() {
    let (_d, mut app, held, _) = meetings(Lang::Sv, "");
    open(&mut app, held);
    keys(&mut app, "m");
    // Esc straight after typing, well inside the autosave's debounce.
    type_text(&mut app, "Första stycket");
    press(&mut app, KeyCode::Esc);
    assert!(app.minutes.is_none());
    assert_eq!(stored(&app, held).minutes, "Första stycket");
    // Ctrl-C straight after typing: the program ends the way the event loop ends it.
    keys(&mut app, "m");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "och ett ord till");
    ctrl(&mut app, 'c');
    assert!(app.quit);
    app.shutdown();
    assert_eq!(
        stored(&app, held).minutes,
        "Första stycket\noch ett ord till"
    );
}

#[test]
fn exporting_twice_keeps_the_first_file_and_names_the_second_in_full() {
    let (dir, mut app, held, _) = meetings_with(Lang::Sv, |m| {
        m.minutes = "Föregående protokoll godkändes.".into();
        m.agenda = vec![
            AgendaPoint::new("1. Föregående protokoll"),
            AgendaPoint::new("Statistik"),
        ];
    });
    let out = dir.path().join("ut");
    std::fs::create_dir(&out).unwrap();
    // The export goes to the working directory, as the status line then says.
    std::env::set_current_dir(&out).unwrap();
    open(&mut app, held);
    // The screen does not number the point twice either.
    let view = flowing(&app);
    assert!(
        view.contains(" 1. Föregående protokoll 2. Statistik"),
        "{view}"
    );
    assert!(!view.contains("1. 1."), "{view}");
    keys(&mut app, "x");
    let first = out.join(format!("protokoll-{held}.md"));
    let said = app.status.clone().unwrap().text;
    assert!(said.contains(&first.display().to_string()), "{said}");
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(
        text.contains("\n1. Föregående protokoll  \n2. Statistik  \n"),
        "{text}"
    );
    std::fs::write(&first, "skickat till leverantören").unwrap();
    keys(&mut app, "x");
    let second = out.join(format!("protokoll-{held}-2.md"));
    let said = app.status.clone().unwrap().text;
    assert!(said.contains(&second.display().to_string()), "{said}");
    assert_eq!(
        std::fs::read_to_string(&first).unwrap(),
        "skickat till leverantören"
    );
    assert_eq!(std::fs::read_to_string(&second).unwrap(), text);
    keys(&mut app, "x");
    assert!(out.join(format!("protokoll-{held}-3.md")).exists());
}

#[test]
fn a_lesson_mark_moves_with_its_line_when_lines_are_added_above() {
    let (_d, mut app, held, _) = meetings(Lang::Sv, "Inledning.\nSvarstider.\nFredagar är svåra.");
    open(&mut app, held);
    keys(&mut app, "m");
    // The cursor starts at the end: the last line becomes a lesson.
    ctrl(&mut app, 'l');
    assert_eq!(stored(&app, held).lesson_lines, vec![2]);
    // Two new lines at the top, typed and not yet saved: the mark is already beside the
    // same words.
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Home);
    type_text(&mut app, "Närvarande: alla.");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let screen = rows(&app);
    let marked: Vec<&String> = screen.iter().filter(|r| r.starts_with("L ")).collect();
    assert_eq!(marked.len(), 1, "{screen:?}");
    assert!(marked[0].contains("Fredagar är svåra."), "{screen:?}");
    // Saved, the stored mark moved too, and the lesson reads as written.
    press(&mut app, KeyCode::Esc);
    let m = stored(&app, held);
    assert_eq!(m.lesson_lines, vec![4], "{:?}", m.minutes);
    assert_eq!(m.lessons(), vec!["Fredagar är svåra."]);
}

/// The form cannot rewrite what approved minutes record: an unchanged form saves, a
/// changed attendee, agenda point or place is refused at the form in words, and the
/// meeting stays as approved.
#[test]
fn the_meeting_form_keeps_approved_minutes_as_approved() {
    let (_d, mut app, held, _) = meetings_with(Lang::Sv, |m| {
        m.minutes = "Justerad text.".into();
        m.place = "Stadshuset".into();
        m.attendees = vec![Attendee {
            name: "Karin Köpare".into(),
            side: Side::Buyer,
            role: "avtalsförvaltare".into(),
        }];
        m.agenda = vec![AgendaPoint::new("Svarstider"), AgendaPoint::new("Övrigt")];
        m.decisions = vec!["Rapport varje kvartal".into()];
    });
    open(&mut app, held);
    keys(&mut app, "s");
    assert!(stored(&app, held).is_approved());
    let approved = stored(&app, held);
    // Opened and saved as it is: nothing refused.
    keys(&mut app, "E");
    ctrl(&mut app, 's');
    assert!(app.form.is_none(), "{}", flowing(&app));
    assert_eq!(stored(&app, held), approved);
    for (label, typed) in [
        ("ui.field.place", " 2"),
        ("ui.field.buyer_attendees", "\nPer Persson"),
        ("ui.field.agenda", "\nNy punkt"),
    ] {
        keys(&mut app, "E");
        let form = app.form.as_mut().unwrap();
        let i = form.fields.iter().position(|f| f.label == label).unwrap();
        let text = format!("{}{typed}", form.fields[i].text());
        form.fields[i].input = ratatui_textarea::TextArea::from(text.lines());
        ctrl(&mut app, 's');
        let form = app.form.as_ref().expect("refused, the form stays open");
        let message = form.message.clone().unwrap_or_default();
        assert!(
            message.contains("Protokollet är justerat"),
            "{label}: {message}"
        );
        assert!(message.contains("tillägg"), "{message}");
        press(&mut app, KeyCode::Esc);
        if app.popup.is_some() {
            // "Throw away what was typed?" — yes.
            keys(&mut app, "y");
        }
        assert!(app.form.is_none());
        assert_eq!(stored(&app, held), approved, "{label}");
    }
}

//! A full disk while the TUI saves a form: the form stays open with everything typed and
//! says in words what happened; nothing saved before is lost.
//!
//! The full disk is this test process's own file size limit (`RLIMIT_FSIZE`, with SIGXFSZ
//! ignored so a write fails with EFBIG instead of killing the process). A limit is
//! process-wide, so this file holds this one test and nothing else: no other test shares
//! the process while the limit is in force.

mod common;

use avtal::app::App;
use avtal::i18n::Lang;
use avtal::store::Store;
use common::*;
use ratatui::crossterm::event::KeyCode;

/// Sets the soft file size limit of this process (the hard one stays as it is, so the old
/// limit can be put back) and returns the old one.
fn limit_file_size(bytes: libc::rlim_t) -> libc::rlim_t {
    // SAFETY: getrlimit/setrlimit/signal with valid arguments; ignoring SIGXFSZ only turns
    // the signal into an EFBIG from the write that crosses the limit.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let mut lim = std::mem::zeroed::<libc::rlimit>();
        assert_eq!(libc::getrlimit(libc::RLIMIT_FSIZE, &mut lim), 0);
        let old = lim.rlim_cur;
        lim.rlim_cur = bytes;
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &lim), 0);
        old
    }
}

fn field_text(app: &App, i: usize) -> String {
    app.form.as_ref().expect("the form is still open").fields[i].text()
}

#[test]
fn a_full_disk_on_save_keeps_the_form_and_what_was_typed() {
    let (dir, mut app) = app_with(&fixture_register(), Lang::Sv);
    let db = app.store.path().to_path_buf();
    let before = app.store.agreements().unwrap().len();
    assert!(before > 0);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    keys(&mut app, "UH-FULL-1");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Avtal som inte får plats");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2026-01-01");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "2027-12-31");

    // Nothing past the first page may be written: every commit needs more than that.
    let old = limit_file_size(4096);
    ctrl(&mut app, 's');
    limit_file_size(old);

    let form = app
        .form
        .as_ref()
        .expect("the form stays open after a failed save");
    let message = form.message.clone().unwrap_or_default();
    assert!(message.contains("disken är full"), "{message}");
    assert!(!message.contains("Lagringsfel"), "{message}");
    assert_eq!(field_text(&app, 0), "UH-FULL-1");
    assert_eq!(field_text(&app, 1), "Avtal som inte får plats");
    assert_eq!(field_text(&app, 2), "2026-01-01");
    assert_eq!(field_text(&app, 3), "2027-12-31");

    // With room again, a second Ctrl-S either saves or (redb refuses a handle after a
    // failed write) says to restart; the form stays open until the save goes through.
    ctrl(&mut app, 's');
    let retried = match &app.form {
        Some(form) => {
            let message = form.message.clone().unwrap_or_default();
            assert!(message.contains("starta det igen"), "{message}");
            assert_eq!(field_text(&app, 0), "UH-FULL-1");
            false
        }
        None => true,
    };

    eprintln!("after the full disk: {message}; the retry saved: {retried}");
    drop(app);
    let store = Store::open(&db).expect("the database opens after the full disk");
    assert!(store.verify_audit().unwrap().is_intact());
    assert_eq!(store.verify_records().unwrap(), vec![]);
    let after = store.agreements().unwrap();
    assert_eq!(after.len(), before + usize::from(retried));
    assert_eq!(
        store.agreement_by_reference("UH-FULL-1").unwrap().is_some(),
        retried
    );
    for a in fixture_register() {
        assert!(
            store
                .agreement_by_reference(&a.reference)
                .unwrap()
                .is_some(),
            "{} lost",
            a.reference
        );
    }
    drop(dir);
}

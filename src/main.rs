// Temporary until the cli branch lands.
fn main() {
    let path = std::env::var("AVTAL_DB").unwrap_or_else(|_| "/tmp/avtal-dev.redb".into());
    let store = avtal::store::Store::open(std::path::Path::new(&path)).expect("open");
    avtal::ui::run(store, avtal::i18n::Lang::Sv).expect("ui");
}
